#pragma once
/// \file
/// `MessagePager`: a lazy input range over all messages of one abonent, fetching one page
/// (`GET /abonents/{id}/messages?page=N&size=S`) only when the previous one is used up.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <odoobridge/rosdomofon/types.hpp>

namespace odoobridge::rosdomofon {

/// Filters and page size of `Client::abonent_messages`.
struct MessageQuery {
    std::string channel;  ///< "support", "notification" ...; empty = every channel
    int page_size = 50;   ///< messages per request (1..1000)
};

/// All messages of one abonent, oldest page first, one request per page.
///
///     for (const auto& m : client.abonent_messages(abonent_id, {.channel = "support"}))
///         std::cout << (m.incoming ? "<< " : ">> ") << m.message << '\n';
///
/// Iteration stops after the page the server marks `last`, an empty page, or page
/// `totalPages - 1`. Each `begin()` starts again from page 0. A page request that fails
/// throws from `begin()` or `operator++` (see `Client::abonent_messages_page`).
/// Not thread-safe: iterate from one thread at a time.
class MessagePager {
public:
    /// Fetches page `number` (0-based).
    using FetchPage = std::function<MessagePage(std::int64_t number)>;

    explicit MessagePager(FetchPage fetch) : fetch_(std::move(fetch)) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Message;
        using difference_type = std::ptrdiff_t;
        using pointer = const Message*;
        using reference = const Message&;

        iterator() = default;
        reference operator*() const { return state_->page.content[state_->index]; }
        pointer operator->() const { return &**this; }
        iterator& operator++() {
            advance();
            return *this;
        }
        void operator++(int) { advance(); }
        friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept {
            return !it.state_;
        }

    private:
        friend class MessagePager;
        struct State {
            FetchPage fetch;
            MessagePage page;
            std::size_t index = 0;
            std::size_t pages_fetched = 0;
        };
        explicit iterator(FetchPage fetch) : state_(std::make_shared<State>()) {
            state_->fetch = std::move(fetch);
            load(0);
        }
        void load(std::int64_t number) {
            state_->page = state_->fetch(number);
            state_->index = 0;
            ++state_->pages_fetched;
            if (state_->page.content.empty()) state_.reset();
        }
        void advance() {
            if (++state_->index < state_->page.content.size()) return;
            const MessagePage& page = state_->page;
            const std::int64_t next = page.number + 1;
            const bool more = !page.last && (page.totalPages == 0 || next < page.totalPages) &&
                              state_->pages_fetched < kMaxPages;
            if (more)
                load(next);
            else
                state_.reset();
        }
        static constexpr std::size_t kMaxPages = 1'000'000;  // a server that never says last
        std::shared_ptr<State> state_;
    };

    /// Fetches page 0 and points at its first message (or equals `end()` when empty).
    [[nodiscard]] iterator begin() const { return iterator(fetch_); }
    [[nodiscard]] std::default_sentinel_t end() const noexcept { return {}; }

private:
    FetchPage fetch_;
};

}  // namespace odoobridge::rosdomofon
