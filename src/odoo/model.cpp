// DynamicModel: the ORM methods of one model over Client::execute_kw, and the schema check.
#include <algorithm>
#include <cmath>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/model.hpp>
#include <unordered_set>

namespace odoobridge::odoo {

namespace {

json ids_json(std::span<const Id> ids) { return json(std::vector<Id>(ids.begin(), ids.end())); }

json names_json(const std::vector<std::string>& names) { return json(names); }

[[noreturn]] void bad_answer(const std::string& model, std::string_view method,
                             std::string_view expected, const json& got) {
    throw UnexpectedResponseError(model + "." + std::string(method) + " answered a " +
                                  std::string(got.type_name()) + " where " + std::string(expected) +
                                  " was expected; the server is not an Odoo this SDK knows, "
                                  "or a module overrides the method with another result");
}

Id id_from(const std::string& model, std::string_view method, const json& value) {
    if (value.is_number_integer()) return value.get<Id>();
    if (value.is_number_float()) {  // XML-RPC sends integers beyond 32 bits as doubles
        const double number = value.get<double>();
        if (std::trunc(number) == number && std::fabs(number) < 9.2e18)
            return static_cast<Id>(number);
    }
    bad_answer(model, method, "a record id", value);
}

std::vector<Id> ids_from(const std::string& model, std::string_view method, const json& value) {
    if (!value.is_array()) bad_answer(model, method, "a list of record ids", value);
    std::vector<Id> ids;
    ids.reserve(value.size());
    for (const auto& item : value) ids.push_back(id_from(model, method, item));
    return ids;
}

void check_search_options(const std::string& model, std::string_view method,
                          const SearchOptions& options) {
    if (options.limit && *options.limit < 1)
        throw ConfigurationError(model + "." + std::string(method) + ": SearchOptions.limit is " +
                                 std::to_string(*options.limit) +
                                 "; give a positive limit, or leave it unset for all records");
    if (options.offset < 0)
        throw ConfigurationError(model + "." + std::string(method) + ": SearchOptions.offset is " +
                                 std::to_string(options.offset) + "; it must be 0 or more");
}

/// `kwargs` with the `fields` keyword argument of a read (left out when empty: all fields).
json read_kwargs(json kwargs, const std::vector<std::string>& fields) {
    if (!fields.empty()) kwargs["fields"] = names_json(fields);
    return kwargs;
}

/// `offset`, `limit`, `order` (or `orderby`) keyword arguments of `options`.
json paging_kwargs(const SearchOptions& options, const char* order_key) {
    json kwargs = json::object();
    if (options.offset != 0) kwargs["offset"] = options.offset;
    if (options.limit) kwargs["limit"] = *options.limit;
    if (!options.order.empty()) kwargs[order_key] = options.order;
    return kwargs;
}

CallOptions call_options(const SearchOptions& options) { return CallOptions{options.context}; }

void check_object(const std::string& model, std::string_view method, const json& values) {
    if (!values.is_object())
        throw ConfigurationError(model + "." + std::string(method) +
                                 " needs the field values as a JSON object ({\"name\": ...}), "
                                 "not a " +
                                 std::string(values.type_name()));
}

}  // namespace

DynamicModel::DynamicModel(Client client, std::string name)
    : client_(std::move(client)), name_(std::move(name)) {
    if (name_.empty())
        throw ConfigurationError(
            "a model needs its Odoo name, e.g. client.model(\"res.partner\"); got an empty name");
}

json DynamicModel::execute(std::string_view method, json args, json kwargs,
                           const CallOptions& options) const {
    return client_.execute_kw(name_, method, std::move(args), std::move(kwargs), options);
}

std::vector<Id> DynamicModel::search(const Domain& domain, const SearchOptions& options) const {
    check_search_options(name_, "search", options);
    return ids_from(name_, "search",
                    execute("search", json::array({domain.to_json()}),
                            paging_kwargs(options, "order"), call_options(options)));
}

json DynamicModel::search_read(const Domain& domain, const std::vector<std::string>& fields,
                               const SearchOptions& options) const {
    check_search_options(name_, "search_read", options);
    json records =
        execute("search_read", json::array({domain.to_json()}),
                read_kwargs(paging_kwargs(options, "order"), fields), call_options(options));
    if (!records.is_array()) bad_answer(name_, "search_read", "a list of records", records);
    return records;
}

void DynamicModel::search_read_into(RecordsReceiver& receiver, const Domain& domain,
                                    const std::vector<std::string>& fields,
                                    const SearchOptions& options) const {
    check_search_options(name_, "search_read", options);
    client_.execute_records(name_, "search_read", json::array({domain.to_json()}),
                            read_kwargs(paging_kwargs(options, "order"), fields), receiver,
                            call_options(options));
}

json DynamicModel::read(std::span<const Id> ids, const std::vector<std::string>& fields,
                        const CallOptions& options) const {
    if (ids.empty()) return json::array();
    json records =
        execute("read", json::array({ids_json(ids)}), read_kwargs(json::object(), fields), options);
    if (!records.is_array()) bad_answer(name_, "read", "a list of records", records);
    return records;
}

void DynamicModel::read_into(RecordsReceiver& receiver, std::span<const Id> ids,
                             const std::vector<std::string>& fields,
                             const CallOptions& options) const {
    if (ids.empty()) return receiver.from_value(json::array(), {name_, {}, 0});
    client_.execute_records(name_, "read", json::array({ids_json(ids)}),
                            read_kwargs(json::object(), fields), receiver, options);
}

Id DynamicModel::create(const json& values, const CallOptions& options) const {
    check_object(name_, "create", values);
    const std::vector<Id> ids = create_many(json::array({values}), options);
    if (ids.size() != 1)
        throw UnexpectedResponseError(name_ + ".create of one record answered " +
                                      std::to_string(ids.size()) + " ids");
    return ids.front();
}

std::vector<Id> DynamicModel::create_many(const json& values_list,
                                          const CallOptions& options) const {
    if (!values_list.is_array())
        throw ConfigurationError(name_ + ".create_many needs a JSON list of value objects, not a " +
                                 std::string(values_list.type_name()));
    for (const auto& values : values_list) check_object(name_, "create_many", values);
    if (values_list.empty()) return {};
    // Odoo answers one id for a single dict and a list for a list; we always send a list,
    // but accept both (a module may override create).
    const json answer = execute("create", json::array({values_list}), json::object(), options);
    if (answer.is_array()) return ids_from(name_, "create", answer);
    return {id_from(name_, "create", answer)};
}

void DynamicModel::write(std::span<const Id> ids, const json& values,
                         const CallOptions& options) const {
    check_object(name_, "write", values);
    if (ids.empty()) return;
    (void)execute("write", json::array({ids_json(ids), values}), json::object(), options);
}

void DynamicModel::unlink(std::span<const Id> ids, const CallOptions& options) const {
    if (ids.empty()) return;
    (void)execute("unlink", json::array({ids_json(ids)}), json::object(), options);
}

std::int64_t DynamicModel::search_count(const Domain& domain, const CallOptions& options) const {
    const json count =
        execute("search_count", json::array({domain.to_json()}), json::object(), options);
    return id_from(name_, "search_count", count);
}

json DynamicModel::read_group(const Domain& domain, const std::vector<std::string>& fields,
                              const std::vector<std::string>& groupby, const SearchOptions& options,
                              bool lazy) const {
    check_search_options(name_, "read_group", options);
    json kwargs = paging_kwargs(options, "orderby");
    if (!lazy) kwargs["lazy"] = false;
    json groups = execute("read_group",
                          json::array({domain.to_json(), names_json(fields), names_json(groupby)}),
                          std::move(kwargs), call_options(options));
    if (!groups.is_array()) bad_answer(name_, "read_group", "a list of groups", groups);
    return groups;
}

std::vector<std::pair<Id, std::string>> DynamicModel::name_search(
    std::string_view name, const Domain& domain, std::string_view op, int limit,
    const CallOptions& options) const {
    json kwargs{{"name", std::string(name)},
                {"domain", domain.to_json()},
                {"operator", std::string(op)},
                {"limit", limit}};
    const json answer = execute("name_search", json::array(), std::move(kwargs), options);
    if (!answer.is_array()) bad_answer(name_, "name_search", "a list of [id, name] pairs", answer);
    std::vector<std::pair<Id, std::string>> pairs;
    for (const auto& pair : answer) {
        if (!pair.is_array() || pair.size() != 2 || !pair[1].is_string())
            bad_answer(name_, "name_search", "an [id, name] pair", pair);
        pairs.emplace_back(id_from(name_, "name_search", pair[0]), pair[1].get<std::string>());
    }
    return pairs;
}

json DynamicModel::fields_get(const std::vector<std::string>& attributes,
                              const CallOptions& options) const {
    json kwargs = json::object();
    if (!attributes.empty()) kwargs["attributes"] = names_json(attributes);
    json fields = execute("fields_get", json::array(), std::move(kwargs), options);
    if (!fields.is_object()) bad_answer(name_, "fields_get", "an object of fields", fields);
    return fields;
}

std::vector<Id> DynamicModel::exists(std::span<const Id> ids, const CallOptions& options) const {
    if (ids.empty()) return {};
    // search, not the ORM's `exists`: Odoo 19 no longer exposes `exists` publicly, search
    // works on every version and protocol. active_test off so archived records count.
    SearchOptions search_options{.context = options.context};
    if (!search_options.context.is_object()) search_options.context = json::object();
    search_options.context["active_test"] = false;
    const std::vector<Id> found = search(field("id").in(ids), search_options);
    const std::unordered_set<Id> present(found.begin(), found.end());
    std::vector<Id> existing;
    for (const Id id : ids)
        if (present.contains(id)) existing.push_back(id);
    return existing;
}

json DynamicModel::call(std::string_view method, json args, json kwargs,
                        const CallOptions& options) const {
    return execute(method, std::move(args), std::move(kwargs), options);
}

namespace {

/// The search options of one page of a stream: ordered by id, from the first record.
SearchOptions stream_page_options(int limit, const CallOptions& options) {
    return SearchOptions{.limit = limit, .offset = 0, .order = "id", .context = options.context};
}

/// `domain`, narrowed to ids above `after` when there is one.
Domain after_id(const Domain& domain, std::optional<Id> after) {
    return after ? domain && field("id") > *after : domain;
}

}  // namespace

json DynamicModel::stream_page(const Domain& domain, std::optional<Id> after, int limit,
                               const std::vector<std::string>& fields,
                               const CallOptions& options) const {
    return search_read(after_id(domain, after), fields, stream_page_options(limit, options));
}

void DynamicModel::stream_page_into(RecordsReceiver& receiver, const Domain& domain,
                                    std::optional<Id> after, int limit,
                                    const std::vector<std::string>& fields,
                                    const CallOptions& options) const {
    search_read_into(receiver, after_id(domain, after), fields,
                     stream_page_options(limit, options));
}

Stream<json> DynamicModel::stream(const Domain& domain, int batch, std::vector<std::string> fields,
                                  const CallOptions& options) const {
    if (!fields.empty() && std::find(fields.begin(), fields.end(), "id") == fields.end())
        fields.emplace_back("id");
    return Stream<json>(
        [model = *this, domain, fields = std::move(fields), options](std::optional<Id> after,
                                                                     int limit) {
            json page = model.stream_page(domain, after, limit, fields, options);
            return std::vector<json>(std::make_move_iterator(page.begin()),
                                     std::make_move_iterator(page.end()));
        },
        batch, name_ + ".stream");
}

namespace {

std::string join(const std::vector<std::string_view>& words, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += separator;
        out += words[i];
    }
    return out;
}

std::string schema_message(const std::string& model, const std::vector<std::string>& problems) {
    std::string message = "the record type for " + model + " does not match the server (" +
                          std::to_string(problems.size()) +
                          (problems.size() == 1 ? " problem" : " problems") +
                          "); fix the struct or its BOOST_DESCRIBE_STRUCT list:";
    for (const auto& problem : problems) message += "\n  - " + problem;
    return message;
}

}  // namespace

SchemaMismatchError::SchemaMismatchError(std::string model, std::vector<std::string> problems)
    : ConfigurationError(schema_message(model, problems)),
      model_(std::move(model)),
      problems_(std::move(problems)) {}

void check_schema(std::string_view model, const std::vector<ExpectedField>& expected,
                  const json& fields_get_answer) {
    const std::string model_name(model);
    if (!fields_get_answer.is_object())
        bad_answer(model_name, "fields_get", "an object of fields", fields_get_answer);
    std::vector<std::string> problems;
    for (const ExpectedField& field : expected) {
        const std::string name(field.name);
        const auto it = fields_get_answer.find(name);
        if (it == fields_get_answer.end()) {
            problems.push_back("field '" + name + "' is missing: " + model_name +
                               " has no such field (check the spelling, or install the module "
                               "that adds it)");
            continue;
        }
        if (!it->is_object() || !it->contains("type") || !(*it)["type"].is_string())
            bad_answer(model_name, "fields_get", "an object with a \"type\" per field", *it);
        if (field.odoo_types.empty()) continue;
        const std::string type = (*it)["type"].get<std::string>();
        if (std::find(field.odoo_types.begin(), field.odoo_types.end(), type) ==
            field.odoo_types.end())
            problems.push_back("field '" + name + "' is a " + type + " field on the server, but " +
                               "the member is " + std::string(field.cpp_name) + ", which holds " +
                               join(field.odoo_types, " or ") + " fields");
    }
    if (!problems.empty()) throw SchemaMismatchError(model_name, std::move(problems));
}

DynamicModel Client::model(std::string_view name) const {
    return DynamicModel(*this, std::string(name));
}

}  // namespace odoobridge::odoo
