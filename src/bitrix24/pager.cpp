#include <algorithm>
#include <odoobridge/bitrix24/pager.hpp>
#include <odoobridge/core/errors.hpp>

#include "envelope.hpp"

namespace odoobridge::bitrix24 {

namespace {

/// Rows per page: fixed by the portal.
constexpr std::int64_t page_size = 50;
/// Commands per batch request.
constexpr std::size_t pages_per_batch = 50;

}  // namespace

struct Pager::Impl {
    Impl(Client client_, ListSpec spec_, PageMode mode_)
        : client(std::move(client_)), spec(std::move(spec_)), mode(mode_) {}

    Client client;
    ListSpec spec;
    PageMode mode;
    int requests = 0;
    bool started = false;
    bool finished = false;
    std::optional<std::int64_t> total;
    std::optional<std::int64_t> next_start;  // classic / batched
    std::vector<std::int64_t> pending;       // batched: starts still to fetch
    std::int64_t last_id = 0;                // fast

    /// The rows of a method's `result`.
    std::vector<json> rows_of(const json& result) const {
        const json* rows = &result;
        if (!spec.items_key.empty()) {
            const auto it = result.is_object() ? result.find(spec.items_key) : result.end();
            rows = it != result.end() ? &*it : nullptr;
        }
        if (rows != nullptr && rows->is_array()) return rows->get<std::vector<json>>();
        throw UnexpectedResponseError(
            spec.method + " at " + client.endpoint() + " answered without a list of rows " +
                (spec.items_key.empty() ? std::string("in 'result'")
                                        : "in 'result." + spec.items_key + "'") +
                "; set ListSpec::items_key to where this method puts its rows",
            client.endpoint(), 200);
    }

    json params_with_start(std::int64_t start) const {
        json params = spec.params;
        params["start"] = start;
        return params;
    }

    std::optional<std::vector<json>> classic_page() {
        const Answer answer =
            client.call_answer(spec.method, params_with_start(next_start.value_or(0)));
        ++requests;
        total = answer.total;
        next_start = answer.next;
        if (mode == PageMode::batched && next_start && total) {
            // The rest of the list, fanned out through batch; without a total the pages
            // are followed one by one as in classic mode.
            for (std::int64_t start = *next_start; start < *total; start += page_size)
                pending.push_back(start);
            finished = pending.empty();
        } else {
            finished = !next_start;
        }
        return rows_of(answer.result);
    }

    std::optional<std::vector<json>> batched_pages() {
        const std::size_t count = std::min(pending.size(), pages_per_batch);
        std::vector<BatchCommand> commands;
        commands.reserve(count);
        for (std::size_t i = 0; i < count; ++i)
            commands.push_back(
                {"p" + std::to_string(pending[i]), spec.method, params_with_start(pending[i])});
        pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(count));
        const BatchResult result = client.batch(commands);
        requests += result.requests();
        std::vector<json> rows;
        for (const auto& entry : result.entries()) {
            std::vector<json> page = rows_of(entry.outcome.value());  // a failed page throws
            rows.insert(rows.end(), std::make_move_iterator(page.begin()),
                        std::make_move_iterator(page.end()));
            if (entry.total) total = entry.total;
        }
        finished = pending.empty();
        return rows;
    }

    std::optional<std::vector<json>> fast_page() {
        json params = spec.params;
        for (const auto& [key, value] : spec.id_order.items()) params[key] = value;
        json& filter = params[spec.filter_param];
        if (filter.is_null()) filter = json::object();
        if (!filter.is_object())
            throw ConfigurationError("ListSpec params['" + spec.filter_param +
                                     "'] must be a JSON object for fast paging");
        if (!started) {
            if (const auto it = filter.find(spec.id_filter); it != filter.end())
                last_id = detail::integer_of(*it).value_or(0);
        }
        filter[spec.id_filter] = last_id;
        params["start"] = -1;
        const Answer answer = client.call_answer(spec.method, std::move(params));
        ++requests;
        std::vector<json> rows = rows_of(answer.result);
        if (static_cast<std::int64_t>(rows.size()) < page_size) finished = true;
        if (!rows.empty()) {
            const json& last = rows.back();
            const auto id = last.is_object() && last.contains(spec.row_id)
                                ? detail::integer_of(last.at(spec.row_id))
                                : std::nullopt;
            if (!id)
                throw UnexpectedResponseError(
                    spec.method + " at " + client.endpoint() +
                        " returned a row without an integer '" + spec.row_id +
                        "'; fast paging needs it: add it to the select list or set "
                        "ListSpec::row_id",
                    client.endpoint(), 200);
            if (*id <= last_id)
                throw UnexpectedResponseError(
                    spec.method + " at " + client.endpoint() + " did not order rows by '" +
                        spec.row_id +
                        "' ascending; set ListSpec::id_order to this method's way of asking for it",
                    client.endpoint(), 200);
            last_id = *id;
        }
        return rows;
    }
};

Pager::Pager(Client client, ListSpec spec, PageMode mode)
    : impl_(std::make_unique<Impl>(std::move(client), std::move(spec), mode)) {
    if (impl_->spec.method.empty())
        throw ConfigurationError(
            "ListSpec::method is empty: name the list method, e.g. \"user.get\"");
    if (impl_->spec.params.is_null()) impl_->spec.params = json::object();
    if (!impl_->spec.params.is_object() || !impl_->spec.id_order.is_object())
        throw ConfigurationError("ListSpec::params and ListSpec::id_order of " +
                                 impl_->spec.method + " must be JSON objects");
}

Pager::~Pager() = default;
Pager::Pager(Pager&&) noexcept = default;
Pager& Pager::operator=(Pager&&) noexcept = default;

std::optional<std::vector<json>> Pager::next() {
    Impl& impl = *impl_;
    if (impl.finished) return std::nullopt;
    auto rows = impl.mode == PageMode::fast ? impl.fast_page()
                : impl.pending.empty()      ? impl.classic_page()
                                            : impl.batched_pages();
    impl.started = true;
    return rows;
}

std::optional<std::int64_t> Pager::total() const { return impl_->total; }

int Pager::requests() const noexcept { return impl_->requests; }

PagedRange<json> list(const Client& client, ListSpec spec, PageMode mode) {
    return PagedRange<json>(std::make_shared<Pager>(client, std::move(spec), mode),
                            [](const json& row) { return row; });
}

}  // namespace odoobridge::bitrix24
