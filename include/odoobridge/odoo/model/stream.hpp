#pragma once
/// \file
/// `Stream<V>`: an input range over every record matching a domain, fetched page by page
/// with an id cursor so that memory stays one page.

#include <cstddef>
#include <functional>
#include <iterator>
#include <memory>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace odoobridge::odoo {

/// The records of a `stream(domain, batch)` call, in ascending id order.
///
/// Each page is `search_read(domain AND id > last id seen, order "id", limit batch)`; the
/// first page has no id condition. Pages are fetched lazily while iterating, one at a time;
/// the stream ends after a page shorter than the batch. Records created or deleted during
/// the walk are seen or missed depending on their id, never twice.
///
/// A single-pass input range (use it once, in a range-for or with std::ranges algorithms);
/// `begin()` fetches the first page. Fetch errors are thrown from `begin()` and `++`.
/// Copies share the cursor. Not thread-safe: iterate from one thread.
template <class V>
class Stream {
public:
    /// Fetches one page: the records with an id above `after` (all when empty), ordered by
    /// id, at most `limit`.
    using Fetch = std::function<std::vector<V>(std::optional<Id> after, int limit)>;

    /// `what` names the walk in errors ("res.partner.stream").
    /// \throws ConfigurationError when `batch` < 1.
    Stream(Fetch fetch, int batch, std::string_view what)
        : state_(std::make_shared<State>(std::move(fetch), checked(batch, what))) {}

private:
    struct State;

public:
    class iterator {
    public:
        using value_type = V;
        using difference_type = std::ptrdiff_t;
        using reference = V&;
        using iterator_category = std::input_iterator_tag;

        iterator() = default;
        [[nodiscard]] V& operator*() const { return state_->page[state_->position]; }
        [[nodiscard]] V* operator->() const { return &**this; }
        iterator& operator++() {
            state_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept {
            return it.state_ == nullptr || it.state_->at_end();
        }

    private:
        friend class Stream;
        explicit iterator(typename Stream::State* state) : state_(state) {}
        typename Stream::State* state_ = nullptr;
    };

    /// Starts the walk (fetches the first page) on the first call; later calls return the
    /// current position.
    [[nodiscard]] iterator begin() {
        if (!state_->started) state_->fetch_next();
        return iterator(state_.get());
    }
    [[nodiscard]] std::default_sentinel_t end() const noexcept { return {}; }

    /// The number of pages fetched so far.
    [[nodiscard]] std::size_t pages_fetched() const noexcept { return state_->pages; }

private:
    static int checked(int batch, std::string_view what) {
        if (batch < 1)
            throw ConfigurationError(std::string(what) + ": the batch size is " +
                                     std::to_string(batch) +
                                     "; give 1 or more records per page (default 500)");
        return batch;
    }

    static Id id_of(const V& record) {
        if constexpr (std::is_same_v<V, json>)
            return record.at("id").template get<Id>();
        else
            return static_cast<Id>(record.id);
    }

    struct State {
        State(Fetch fetch_page, int page_size) : fetch(std::move(fetch_page)), batch(page_size) {}

        Fetch fetch;
        int batch;
        std::vector<V> page;
        std::size_t position = 0;
        std::optional<Id> last_id;
        bool started = false;
        bool last_page = false;
        std::size_t pages = 0;

        [[nodiscard]] bool at_end() const noexcept { return position >= page.size(); }

        void fetch_next() {
            started = true;
            page.clear();
            position = 0;
            page = fetch(last_id, batch);
            ++pages;
            last_page = page.size() < static_cast<std::size_t>(batch);
            if (!page.empty()) last_id = id_of(page.back());
        }

        void advance() {
            if (++position < page.size() || last_page) return;
            fetch_next();
        }
    };

    std::shared_ptr<State> state_;
};

}  // namespace odoobridge::odoo
