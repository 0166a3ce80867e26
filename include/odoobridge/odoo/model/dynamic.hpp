#pragma once
/// \file
/// `DynamicModel`: the ORM methods of one Odoo model on JSON values (`client.model("crm.lead")`).
/// `Model<T>` (odoo/model/typed.hpp) is a typed layer over it.

#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/client.hpp>
#include <odoobridge/odoo/domain.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <odoobridge/odoo/model/options.hpp>
#include <odoobridge/odoo/model/stream.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace odoobridge::odoo {

/// One Odoo model, untyped: records are JSON objects as the server sends them.
///
/// Every method is one `execute_kw` call on the client (so the client's default context,
/// retries of reads and error mapping apply) and throws what `Client::execute_kw` throws;
/// writes (create, write, unlink, `call` unless marked idempotent) are never retried.
/// Answers of the wrong shape throw `UnexpectedResponseError` naming model and method.
///
/// Thread safety: as the Client; a DynamicModel is an immutable value (a client copy and
/// a name) and may be used from several threads at once.
class DynamicModel {
public:
    /// The model `name` ("crm.lead") on `client`; prefer `client.model("crm.lead")`.
    /// \throws ConfigurationError when `name` is empty.
    DynamicModel(Client client, std::string name);

    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] const Client& client() const noexcept { return client_; }

    /// Ids of the matching records (`search`).
    /// \throws ConfigurationError for a negative offset or a limit below 1.
    [[nodiscard]] std::vector<Id> search(const Domain& domain = {},
                                         const SearchOptions& options = {}) const;

    /// The matching records with `fields` (all fields when empty): a JSON list of objects.
    [[nodiscard]] json search_read(const Domain& domain = {},
                                   const std::vector<std::string>& fields = {},
                                   const SearchOptions& options = {}) const;

    /// The records `ids` with `fields` (all when empty). Ids that do not exist are absent
    /// from the answer on Odoo 16 and 19 over RPC: `read` skips records it cannot find
    /// (the ORM raises MissingError only when a prefetched record vanished mid-read).
    [[nodiscard]] json read(std::span<const Id> ids, const std::vector<std::string>& fields = {},
                            const CallOptions& options = {}) const;

    /// `search_read` whose answer `receiver` decodes (see `Client::execute_records`).
    void search_read_into(RecordsReceiver& receiver, const Domain& domain,
                          const std::vector<std::string>& fields,
                          const SearchOptions& options = {}) const;

    /// `read` whose answer `receiver` decodes; no request for no ids (the receiver is given
    /// an empty list).
    void read_into(RecordsReceiver& receiver, std::span<const Id> ids,
                   const std::vector<std::string>& fields, const CallOptions& options = {}) const;

    /// Creates one record from a JSON object of field values; returns its id. Never retried.
    /// \throws ConfigurationError when `values` is not an object.
    [[nodiscard]] Id create(const json& values, const CallOptions& options = {}) const;

    /// Creates one record per JSON object of `values_list` in ONE call; returns their ids
    /// in order. Never retried. \throws ConfigurationError when `values_list` is not a list
    /// of objects.
    [[nodiscard]] std::vector<Id> create_many(const json& values_list,
                                              const CallOptions& options = {}) const;

    /// Writes `values` (a JSON object) to every record of `ids`. Never retried unless
    /// `options.idempotent`. \throws ConfigurationError when `values` is not an object.
    void write(std::span<const Id> ids, const json& values, const CallOptions& options = {}) const;

    /// Deletes the records `ids`. Never retried unless `options.idempotent`.
    void unlink(std::span<const Id> ids, const CallOptions& options = {}) const;

    /// The number of matching records.
    [[nodiscard]] std::int64_t search_count(const Domain& domain = {},
                                            const CallOptions& options = {}) const;

    /// `read_group(domain, fields, groupby, offset, limit, orderby, lazy)`: the groups as
    /// the server returns them (a JSON list). `options.order` is sent as `orderby`.
    [[nodiscard]] json read_group(const Domain& domain, const std::vector<std::string>& fields,
                                  const std::vector<std::string>& groupby,
                                  const SearchOptions& options = {}, bool lazy = true) const;

    /// Records whose display name matches `name` with `op` ("ilike", "=", ...), among those
    /// matching `domain`: (id, display name) pairs, at most `limit`.
    [[nodiscard]] std::vector<std::pair<Id, std::string>> name_search(
        std::string_view name = {}, const Domain& domain = {}, std::string_view op = "ilike",
        int limit = 100, const CallOptions& options = {}) const;

    /// The model's field descriptions, `{"name": {"type": "char", ...}, ...}`, limited to
    /// `attributes` ("type", "string", "required", "relation" ...) when not empty.
    [[nodiscard]] json fields_get(const std::vector<std::string>& attributes = {},
                                  const CallOptions& options = {}) const;

    /// The subset of `ids` that exist, in the order given. Sent as
    /// `search([("id", "in", ids)])` with `active_test: false` in the context (archived
    /// records exist), not as the ORM's `exists`, which Odoo 19 no longer exposes over
    /// JSON-2; unlike `exists`, records the user's record rules hide count as absent.
    [[nodiscard]] std::vector<Id> exists(std::span<const Id> ids,
                                         const CallOptions& options = {}) const;

    /// Any other method, `model.method(*args, **kwargs)`, e.g.
    /// `call("action_post", json::array({json::array({move_id})}))` for a record method
    /// (whose first argument is the list of ids). Returns the raw result.
    [[nodiscard]] json call(std::string_view method, json args = json::array(),
                            json kwargs = json::object(), const CallOptions& options = {}) const;

    /// Every matching record with `fields` (all when empty; "id" is added when missing),
    /// fetched `batch` at a time in ascending id order (see `Stream`).
    /// \throws ConfigurationError when `batch` < 1 (at once, before any request).
    [[nodiscard]] Stream<json> stream(const Domain& domain = {}, int batch = 500,
                                      std::vector<std::string> fields = {},
                                      const CallOptions& options = {}) const;

    /// One page of `stream`: records matching `domain` with an id above `after` (all when
    /// empty), ordered by id, at most `limit`, as a JSON list. Used by `Model<T>::stream`.
    [[nodiscard]] json stream_page(const Domain& domain, std::optional<Id> after, int limit,
                                   const std::vector<std::string>& fields,
                                   const CallOptions& options) const;
    /// `stream_page` whose answer `receiver` decodes.
    void stream_page_into(RecordsReceiver& receiver, const Domain& domain, std::optional<Id> after,
                          int limit, const std::vector<std::string>& fields,
                          const CallOptions& options) const;

private:
    [[nodiscard]] json execute(std::string_view method, json args, json kwargs,
                               const CallOptions& options) const;

    Client client_;
    std::string name_;
};

}  // namespace odoobridge::odoo
