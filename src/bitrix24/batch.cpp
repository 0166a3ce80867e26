#include <algorithm>
#include <cctype>
#include <map>
#include <odoobridge/bitrix24/batch.hpp>
#include <odoobridge/bitrix24/client.hpp>
#include <odoobridge/bitrix24/query.hpp>
#include <set>

#include "batch_refs.hpp"
#include "client_state.hpp"
#include "envelope.hpp"

namespace odoobridge::bitrix24 {

namespace {

/// The portal's limit of commands per batch request.
constexpr std::size_t max_commands = 50;

void validate(const std::vector<BatchCommand>& commands) {
    std::set<std::string_view> keys;
    for (std::size_t i = 0; i < commands.size(); ++i) {
        const auto& command = commands[i];
        const std::string where = "batch command #" + std::to_string(i + 1);
        if (command.key.empty())
            throw ConfigurationError(where + " has an empty key; give each command a unique key");
        if (!std::ranges::all_of(command.key,
                                 [](unsigned char c) { return std::isalnum(c) || c == '_'; }))
            throw ConfigurationError(where + " has the key '" + command.key +
                                     "': use letters, digits and '_' only (keys appear in "
                                     "$result[key] references)");
        if (!keys.insert(command.key).second)
            throw ConfigurationError(where + " repeats the key '" + command.key +
                                     "'; batch keys must be unique");
        if (command.method.empty())
            throw ConfigurationError(where + " ('" + command.key + "') has an empty method");
        if (!command.params.is_object() && !command.params.is_null())
            throw ConfigurationError(where + " ('" + command.key +
                                     "') has parameters that are not a JSON object");
    }
}

/// `container[key]` when `container` is an object holding it (PHP sends `[]` when empty).
const json* member(const json& container, const std::string& key) {
    if (!container.is_object()) return nullptr;
    const auto it = container.find(key);
    return it == container.end() ? nullptr : &*it;
}

std::exception_ptr skipped(const BatchCommand& command, const std::string& why) {
    return std::make_exception_ptr(SkippedCommandError("batch command '" + command.key + "' (" +
                                                       command.method + ") was not run: " + why));
}

}  // namespace

BatchResult Client::batch(const std::vector<BatchCommand>& commands,
                          const BatchOptions& options) const {
    validate(commands);
    std::vector<BatchEntry> entries;
    entries.reserve(commands.size());
    std::map<std::string, std::size_t, std::less<>> done;  // key → index in entries
    const detail::EntryLookup lookup = [&](std::string_view key) -> const BatchEntry* {
        const auto it = done.find(key);
        return it == done.end() ? nullptr : &entries[it->second];
    };
    int requests = 0;
    bool halted = false;
    for (std::size_t start = 0; start < commands.size(); start += max_commands) {
        const std::size_t end = std::min(commands.size(), start + max_commands);
        std::map<std::size_t, std::exception_ptr> not_sent;
        detail::Exchange exchange{"batch", json::object(), options.idempotent, {}};
        json cmd = json::object();
        bool all_reads = true;
        for (std::size_t i = start; i < end; ++i) {
            const BatchCommand& command = commands[i];
            if (halted) {
                not_sent[i] = skipped(command, "an earlier command failed and halt is set");
                continue;
            }
            try {
                const json params = detail::resolve_references(
                    command.params.is_null() ? json::object() : command.params, lookup);
                const std::string query = encode_php_query(params);
                cmd[command.key] = query.empty() ? command.method : command.method + "?" + query;
            } catch (const SkippedCommandError&) {
                not_sent[i] = std::current_exception();
                continue;
            }
            exchange.budget_methods.push_back(command.method);
            all_reads = all_reads && is_read_method(command.method);
        }
        Answer answer;
        if (!cmd.empty()) {
            exchange.idempotent = options.idempotent || all_reads;
            exchange.params = {{"halt", options.halt ? 1 : 0}, {"cmd", std::move(cmd)}};
            answer = state_->execute(exchange);
            ++requests;
        }
        const auto received = LeakyBucket::Clock::now();
        const json empty;
        const auto part = [&](const char* name) -> const json& {
            const json* found = member(answer.result, name);
            return found != nullptr ? *found : empty;
        };
        const std::string endpoint = state_->auth.endpoint() + "batch.json";
        for (std::size_t i = start; i < end; ++i) {
            const BatchCommand& command = commands[i];
            auto outcome = [&]() -> core::Outcome<json> {
                if (const auto it = not_sent.find(i); it != not_sent.end()) return it->second;
                if (const json* error = member(part("result_error"), command.key)) {
                    ErrorDetails details =
                        detail::error_details(*error, command.method, endpoint, 0);
                    details.command = command.key;
                    if (options.halt) halted = true;
                    return make_server_error(std::move(details));
                }
                if (const json* value = member(part("result"), command.key)) return *value;
                if (!options.halt)
                    return skipped(command,
                                   "the portal returned neither a result nor an error for it");
                halted = true;
                return skipped(command, "the portal stopped the batch before it (halt is set)");
            }();
            BatchEntry entry{command.key, command.method, std::move(outcome), {}, {}};
            if (const json* total = member(part("result_total"), command.key))
                entry.total = detail::integer_of(*total);
            if (const json* next = member(part("result_next"), command.key))
                entry.next = detail::integer_of(*next);
            if (const json* time = member(part("result_time"), command.key))
                state_->operating.record(command.method, *time, received);
            done.emplace(command.key, entries.size());
            entries.push_back(std::move(entry));
        }
    }
    return BatchResult(std::move(entries), requests);
}

const BatchEntry& BatchResult::entry(std::string_view key) const {
    const auto it = std::ranges::find(entries_, key, &BatchEntry::key);
    if (it == entries_.end())
        throw ConfigurationError("no batch command has the key '" + std::string(key) + "'");
    return *it;
}

const json& BatchResult::value(std::string_view key) const { return entry(key).outcome.value(); }

std::vector<std::string> BatchResult::failed_keys() const {
    std::vector<std::string> keys;
    for (const auto& entry : entries_)
        if (!entry.outcome.ok()) keys.push_back(entry.key);
    return keys;
}

void BatchResult::rethrow_first_error() const {
    for (const auto& entry : entries_)
        if (!entry.outcome.ok()) std::rethrow_exception(entry.outcome.error());
}

}  // namespace odoobridge::bitrix24
