#pragma once
/// \file
/// `Model<T>`: the ORM methods of one Odoo model on typed records (`client.model<T>()`),
/// a thin layer over `DynamicModel`.

#include <odoobridge/odoo/model/dynamic.hpp>
#include <odoobridge/odoo/model/schema.hpp>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace odoobridge::odoo {

/// Decodes a records answer into `std::vector<T>` on whichever path the protocol offers: the
/// JSON text without a DOM (JSON-RPC, web session, JSON-2) or the value (XML-RPC). Replaces
/// the vector's content on every answer.
template <Record T>
class TypedRecordsReceiver final : public RecordsReceiver {
public:
    explicit TypedRecordsReceiver(std::vector<T>& out) noexcept : out_(&out) {}

    void from_list_text(std::string_view text, const core::DecodeOrigin& origin) override {
        *out_ = odoo::decode_records<T>(text, origin);
    }
    [[nodiscard]] std::optional<json> from_jsonrpc_text(std::string_view envelope,
                                                        const core::DecodeOrigin& origin) override {
        JsonRpcRecords<T> answer = odoo::decode_jsonrpc_result_records<T>(envelope, origin);
        *out_ = std::move(answer.records);
        return std::move(answer.error);
    }
    void from_value(const json& list, const core::DecodeOrigin& origin) override {
        *out_ = odoo::records_from_json<T>(list, origin);
    }

private:
    std::vector<T>* out_;
};

/// The model `T::odoo_model` with records decoded into `T` (see odoo/fields.hpp for how a
/// record is described). Reads ask for exactly `field_names<T>()`; writes send
/// `to_values` / `Partial<T>::values()`.
///
/// Throws what `DynamicModel` throws, plus `DecodeError` when an answer does not fit `T`.
/// Thread safety: as the Client (an immutable value).
template <Record T>
class Model {
public:
    /// `T::odoo_model` on `client`; prefer `client.model<T>()`.
    explicit Model(Client client) : dynamic_(std::move(client), std::string(model_name<T>())) {}

    /// The untyped model underneath (same client and name).
    [[nodiscard]] const DynamicModel& dynamic() const noexcept { return dynamic_; }
    [[nodiscard]] const std::string& name() const noexcept { return dynamic_.name(); }

    /// Ids of the matching records.
    [[nodiscard]] std::vector<Id> search(const Domain& domain = {},
                                         const SearchOptions& options = {}) const {
        return dynamic_.search(domain, options);
    }

    /// The matching records, with the fields of `T`.
    [[nodiscard]] std::vector<T> search_read(const Domain& domain = {},
                                             const SearchOptions& options = {}) const {
        std::vector<T> records;
        TypedRecordsReceiver<T> receiver(records);
        dynamic_.search_read_into(receiver, domain, fields(), options);
        return records;
    }

    /// The records `ids`, with the fields of `T`; ids that do not exist are absent (Odoo's
    /// `read` skips them), so the result may be shorter than `ids`.
    [[nodiscard]] std::vector<T> read(std::span<const Id> ids,
                                      const CallOptions& options = {}) const {
        std::vector<T> records;
        TypedRecordsReceiver<T> receiver(records);
        dynamic_.read_into(receiver, ids, fields(), options);
        return records;
    }

    /// The record `id`, or nothing when it does not exist.
    [[nodiscard]] std::optional<T> read_one(Id id, const CallOptions& options = {}) const {
        std::vector<T> records = read(std::span<const Id>(&id, 1), options);
        if (records.empty()) return std::nullopt;
        return std::move(records.front());
    }

    /// Creates `record` (all fields but `id`, see `to_values`); returns the new id.
    /// Never retried.
    [[nodiscard]] Id create(const T& record, const CallOptions& options = {}) const {
        return dynamic_.create(to_values(record), options);
    }

    /// Creates every record in one call; returns their ids in order. Never retried.
    [[nodiscard]] std::vector<Id> create(std::span<const T> records,
                                         const CallOptions& options = {}) const {
        json values_list = json::array();
        for (const T& record : records) values_list.push_back(to_values(record));
        return dynamic_.create_many(values_list, options);
    }

    /// Writes the fields set in `changes` to every record of `ids`.
    void write(std::span<const Id> ids, const Partial<T>& changes,
               const CallOptions& options = {}) const {
        dynamic_.write(ids, changes.values(), options);
    }
    /// Writes raw `values` (a JSON object) to every record of `ids`.
    void write(std::span<const Id> ids, const json& values, const CallOptions& options = {}) const {
        dynamic_.write(ids, values, options);
    }

    /// Deletes the records `ids`.
    void unlink(std::span<const Id> ids, const CallOptions& options = {}) const {
        dynamic_.unlink(ids, options);
    }

    /// The number of matching records.
    [[nodiscard]] std::int64_t search_count(const Domain& domain = {},
                                            const CallOptions& options = {}) const {
        return dynamic_.search_count(domain, options);
    }

    /// See `DynamicModel::read_group`.
    [[nodiscard]] json read_group(const Domain& domain, const std::vector<std::string>& fields,
                                  const std::vector<std::string>& groupby,
                                  const SearchOptions& options = {}, bool lazy = true) const {
        return dynamic_.read_group(domain, fields, groupby, options, lazy);
    }

    /// See `DynamicModel::name_search`.
    [[nodiscard]] std::vector<std::pair<Id, std::string>> name_search(
        std::string_view name = {}, const Domain& domain = {}, std::string_view op = "ilike",
        int limit = 100, const CallOptions& options = {}) const {
        return dynamic_.name_search(name, domain, op, limit, options);
    }

    /// See `DynamicModel::fields_get`.
    [[nodiscard]] json fields_get(const std::vector<std::string>& attributes = {},
                                  const CallOptions& options = {}) const {
        return dynamic_.fields_get(attributes, options);
    }

    /// See `DynamicModel::exists`.
    [[nodiscard]] std::vector<Id> exists(std::span<const Id> ids,
                                         const CallOptions& options = {}) const {
        return dynamic_.exists(ids, options);
    }

    /// See `DynamicModel::call`.
    [[nodiscard]] json call(std::string_view method, json args = json::array(),
                            json kwargs = json::object(), const CallOptions& options = {}) const {
        return dynamic_.call(method, std::move(args), std::move(kwargs), options);
    }

    /// Every matching record, `batch` at a time, in ascending id order (see `Stream`).
    /// \throws ConfigurationError when `batch` < 1.
    [[nodiscard]] Stream<T> stream(const Domain& domain = {}, int batch = 500,
                                   const CallOptions& options = {}) const {
        return Stream<T>(
            [model = *this, domain, options](std::optional<Id> after, int limit) {
                std::vector<T> records;
                TypedRecordsReceiver<T> receiver(records);
                model.dynamic_.stream_page_into(receiver, domain, after, limit, fields(), options);
                return records;
            },
            batch, name() + ".stream");
    }

    /// Checks `T` against the server's `fields_get`: every member must be a field of the
    /// model, of a type its C++ type can hold (see `FieldTypes`).
    /// \throws SchemaMismatchError listing every missing field and type mismatch.
    void verify_schema(const CallOptions& options = {}) const {
        check_schema(name(), expected_fields<T>(), dynamic_.fields_get({"type"}, options));
    }

private:
    static const std::vector<std::string>& fields() {
        static const std::vector<std::string> names = field_names<T>();
        return names;
    }

    DynamicModel dynamic_;
};

/// `verify_schema` as a free function: `odoo::verify_schema<Property>(client)`.
template <Record T>
void verify_schema(const Client& client, const CallOptions& options = {}) {
    Model<T>(client).verify_schema(options);
}

template <Record T>
Model<T> Client::model() const {
    return Model<T>(*this);
}

}  // namespace odoobridge::odoo
