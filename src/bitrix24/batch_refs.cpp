#include "batch_refs.hpp"

#include <optional>
#include <string>
#include <vector>

namespace odoobridge::bitrix24::detail {

namespace {

/// One `$result...[key][a][b]` occurrence in a string.
struct Reference {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string kind;  // "result", "result_total" or "result_next"
    std::string key;
    std::vector<std::string> path;
};

std::optional<Reference> next_reference(std::string_view text, std::size_t from) {
    for (auto at = text.find("$result", from); at != std::string_view::npos;
         at = text.find("$result", at + 1)) {
        Reference reference;
        reference.begin = at;
        std::size_t cursor = at + 1;
        for (std::string_view kind : {"result_total", "result_next", "result"}) {
            if (text.substr(cursor, kind.size()) == kind) {
                reference.kind = kind;
                cursor += kind.size();
                break;
            }
        }
        std::vector<std::string> segments;
        while (cursor < text.size() && text[cursor] == '[') {
            const auto close = text.find(']', cursor);
            if (close == std::string_view::npos) break;
            segments.emplace_back(text.substr(cursor + 1, close - cursor - 1));
            cursor = close + 1;
        }
        if (segments.empty() || segments.front().empty()) continue;
        reference.key = segments.front();
        reference.path.assign(segments.begin() + 1, segments.end());
        reference.end = cursor;
        return reference;
    }
    return std::nullopt;
}

json follow(const json& value, const std::vector<std::string>& path) {
    const json* node = &value;
    for (const auto& segment : path) {
        if (node->is_object() && node->contains(segment)) {
            node = &(*node)[segment];
        } else if (node->is_array()) {
            std::size_t index = 0;
            try {
                index = std::stoul(segment);
            } catch (const std::exception&) {
                return nullptr;
            }
            if (index >= node->size()) return nullptr;
            node = &(*node)[index];
        } else {
            return nullptr;
        }
    }
    return *node;
}

/// The value `reference` names, from an earlier command's entry.
json referenced_value(const Reference& reference, const BatchEntry& entry) {
    if (!entry.outcome.ok())
        throw SkippedCommandError("batch command not run: it references the result of command '" +
                                  entry.key + "', which failed in an earlier chunk of the batch");
    if (reference.kind == "result_total") return entry.total ? json(*entry.total) : json(nullptr);
    if (reference.kind == "result_next") return entry.next ? json(*entry.next) : json(nullptr);
    return follow(entry.outcome.value(), reference.path);
}

std::string text_of(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return {};
    if (value.is_boolean()) return value.get<bool>() ? "1" : "0";
    return value.dump();
}

json resolve_string(const std::string& text, const EntryLookup& lookup) {
    std::string out;
    std::size_t copied = 0;
    for (auto reference = next_reference(text, 0); reference;
         reference = next_reference(text, reference->end)) {
        const BatchEntry* entry = lookup(reference->key);
        if (entry == nullptr) continue;  // same chunk or unknown: the portal's business
        json value = referenced_value(*reference, *entry);
        if (reference->begin == 0 && reference->end == text.size()) return value;
        out.append(text, copied, reference->begin - copied);
        out += text_of(value);
        copied = reference->end;
    }
    if (copied == 0) return text;
    out.append(text, copied);
    return out;
}

}  // namespace

json resolve_references(const json& params, const EntryLookup& lookup) {
    if (params.is_string()) return resolve_string(params.get<std::string>(), lookup);
    if (params.is_object()) {
        json out = json::object();
        for (const auto& [key, value] : params.items())
            out[key] = resolve_references(value, lookup);
        return out;
    }
    if (params.is_array()) {
        json out = json::array();
        for (const auto& value : params) out.push_back(resolve_references(value, lookup));
        return out;
    }
    return params;
}

}  // namespace odoobridge::bitrix24::detail
