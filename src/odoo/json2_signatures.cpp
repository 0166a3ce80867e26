#include "json2_signatures.hpp"

#include <algorithm>
#include <boost/container/small_vector.hpp>
#include <odoobridge/core/errors.hpp>
#include <string>
#include <utility>

#include "jsonrpc_envelope.hpp"

namespace odoobridge::odoo::detail {

namespace {

/// Odoo 19 signatures of the ORM methods every model has (they match what
/// `/doc-bearer/<model>.json` reports; tests/unit/json2 checks that against a capture).
/// `read_group`, `check_access_rights`, `exists` and `check_access` are no longer listed by
/// Odoo 19's doc-bearer but are kept for servers and modules that still expose them.
const ModelSignatures& builtin_table() {
    static const ModelSignatures table = [] {
        const auto model = [](std::vector<std::string> names) {
            return MethodSignature{true, std::move(names)};
        };
        const auto records = [](std::vector<std::string> names) {
            return MethodSignature{false, std::move(names)};
        };
        return ModelSignatures{
            {"search", model({"domain", "offset", "limit", "order"})},
            {"search_read", model({"domain", "fields", "offset", "limit", "order"})},
            {"search_count", model({"domain", "limit"})},
            {"read", records({"fields", "load"})},
            {"write", records({"vals"})},
            {"create", model({"vals_list"})},
            {"unlink", records({})},
            {"name_search", model({"name", "domain", "operator", "limit"})},
            {"name_create", model({"name"})},
            {"fields_get", model({"allfields", "attributes"})},
            {"default_get", model({"fields"})},
            {"copy", records({"default"})},
            {"copy_data", records({"default"})},
            {"exists", records({})},
            {"action_archive", records({})},
            {"action_unarchive", records({})},
            {"read_group",
             model({"domain", "fields", "groupby", "offset", "limit", "orderby", "lazy"})},
            {"formatted_read_group",
             model({"domain", "groupby", "aggregates", "having", "offset", "limit", "order"})},
            {"check_access_rights", model({"operation", "raise_exception"})},
            {"check_access", records({"operation"})},
            {"has_access", records({"operation"})},
            {"get_metadata", records({})},
            {"export_data", records({"fields_to_export"})},
            {"load", model({"fields", "data"})},
            {"web_search_read",
             model({"domain", "specification", "offset", "limit", "order", "count_limit"})},
            {"web_read", records({"specification"})},
            {"web_save", records({"vals", "specification", "next_id"})},
            {"onchange", records({"values", "field_names", "fields_spec"})},
            {"get_views", model({"views", "options"})},
        };
    }();
    return table;
}

/// Python's inspect.Parameter kinds that can be given positionally. Anything after the
/// first other kind (*args, keyword-only, **kwargs) can only be named.
bool is_positional_kind(std::string_view kind) {
    return kind == "POSITIONAL_OR_KEYWORD" || kind == "POSITIONAL_ONLY";
}

MethodSignature signature_from_doc(const nlohmann::ordered_json& method) {
    MethodSignature signature;
    if (!method.is_object()) return signature;
    if (auto api = method.find("api"); api != method.end() && api->is_array())
        signature.model_method = std::ranges::any_of(*api, [](const auto& tag) {
            return tag.is_string() && (tag == "model" || tag == "model_create_multi");
        });
    const auto parameters = method.find("parameters");
    if (parameters == method.end() || !parameters->is_object()) return signature;
    for (const auto& [name, parameter] : parameters->items()) {
        std::string_view kind = "POSITIONAL_OR_KEYWORD";
        if (parameter.is_object())
            if (auto it = parameter.find("kind"); it != parameter.end() && it->is_string())
                kind = it->get_ref<const std::string&>();
        if (!is_positional_kind(kind)) break;
        signature.positional.push_back(name);
    }
    return signature;
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) {
        if (!text.empty()) text += ", ";
        text += name;
    }
    return text;
}

[[noreturn]] void throw_too_many(const Call& call, const MethodSignature& signature,
                                 std::size_t given) {
    const std::size_t accepted = signature.positional.size();
    std::string message = call.model + "." + call.method + " takes ";
    if (!signature.model_method) message += "the record ids and ";
    if (accepted == 0)
        message +=
            signature.model_method ? "no positional arguments" : "no other positional argument";
    else
        message += "at most " + std::to_string(accepted) + " positional argument" +
                   (accepted == 1 ? "" : "s") + " (" + joined(signature.positional) + ")";
    message += " over JSON-2, got " + std::to_string(given);
    if (!signature.model_method) message += " after the ids";
    message += "; pass the rest as keyword arguments (kwargs) by their parameter names";
    throw ConfigurationError(message);
}

}  // namespace

const MethodSignature* builtin_signature(std::string_view method) noexcept {
    const auto& table = builtin_table();
    const auto it = table.find(method);
    return it == table.end() ? nullptr : &it->second;
}

ModelSignatures parse_doc_bearer(std::string_view body, const std::string& endpoint,
                                 int http_status) {
    nlohmann::ordered_json doc;
    try {
        doc = nlohmann::ordered_json::parse(body);
    } catch (const nlohmann::ordered_json::exception&) {
        // A syntax error, or a number beyond a double (out_of_range 406, e.g. 1e400).
        // Same parser rules: this throws the project's MalformedResponseError for `body`.
        (void)core::parse_json_body(body, endpoint, http_status);
        throw MalformedResponseError("invalid JSON from " + endpoint, endpoint, http_status);
    }
    const auto methods = doc.find("methods");  // end() when `doc` is not an object
    if (methods == doc.end() || !methods->is_object())
        throw MalformedResponseError(
            "the method description from " + endpoint +
                " has no 'methods' object; the body starts with '" + core::body_excerpt(body) +
                "'. Check that the server runs Odoo 19 or later with the api_doc module, or pass "
                "the call's arguments by keyword so no description is needed.",
            endpoint, http_status);
    ModelSignatures signatures;
    for (const auto& [name, method] : methods->items())
        signatures.emplace(name, signature_from_doc(method));
    return signatures;
}

std::string describe_parameters(const MethodSignature& signature) {
    std::vector<std::string> names;
    if (!signature.model_method) names.emplace_back("ids");
    names.insert(names.end(), signature.positional.begin(), signature.positional.end());
    return names.empty() ? std::string("no parameters") : joined(names);
}

std::string named_arguments(const Call& call, const MethodSignature* signature) {
    // Each named argument points at its value where the caller keeps it.
    struct Member {
        std::string_view name;
        const json* value;
        bool keyword;
    };
    boost::container::small_vector<Member, 16> members;
    if (!call.args.empty()) {
        if (signature == nullptr)
            throw ConfigurationError("no signature known for " + call.model + "." + call.method +
                                     "; pass its arguments by keyword");
        std::size_t first = 0;
        if (!signature->model_method) {
            members.push_back({"ids", &call.args[0], false});
            first = 1;
        }
        const std::size_t given = call.args.size() - first;
        if (given > signature->positional.size()) throw_too_many(call, *signature, given);
        for (std::size_t i = 0; i < given; ++i)
            members.push_back({signature->positional[i], &call.args[first + i], false});
    }
    if (call.kwargs.is_object())
        for (const auto& [name, value] : call.kwargs.get_ref<const json::object_t&>())
            members.push_back({name, &value, true});
    // Name order, as a json object would serialise; a repeated positional name keeps its
    // last value, a keyword repeating a positional argument is refused. A stable insertion
    // sort: the keywords come sorted already and the positional names are few.
    for (std::size_t i = 1; i < members.size(); ++i)
        for (std::size_t j = i; j > 0 && members[j].name < members[j - 1].name; --j)
            std::swap(members[j], members[j - 1]);
    std::string body;
    body.reserve(256);
    body += '{';
    try {
        for (std::size_t i = 0; i < members.size(); ++i) {
            const Member& member = members[i];
            if (i + 1 < members.size() && members[i + 1].name == member.name) {
                if (members[i + 1].keyword || member.keyword)
                    throw ConfigurationError(call.model + "." + call.method + " got '" +
                                             std::string(member.name) +
                                             "' both as a positional and as a keyword "
                                             "argument; pass it once");
                continue;
            }
            if (body.size() > 1) body += ',';
            core::append_json_string(body, member.name);
            body += ':';
            core::append_json(body, *member.value);
        }
    } catch (const json::type_error&) {
        throw_not_utf8(call.model, call.method);
    }
    body += '}';
    return body;
}

}  // namespace odoobridge::odoo::detail
