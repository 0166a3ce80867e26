#pragma once
/// \file
/// Lazy iteration over any Bitrix24 list method (50 rows a page), in three modes:
///
/// - `PageMode::batched` (default): the first page tells `total`; the remaining pages are
///   fetched 50 at a time through `batch`, so N rows take at most ceil(N / 2500) + 1
///   requests;
/// - `PageMode::classic`: one request per page, following `next`;
/// - `PageMode::fast`: the documented fast mode for large sets: rows in ID order, each page
///   filtered by `>ID` of the last row seen and `start=-1`, so the portal never counts the
///   whole set; one request per page, and rows added or removed meanwhile are neither
///   skipped nor repeated.
///
/// Pages are fetched only when iteration reaches them.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <odoobridge/bitrix24/client.hpp>
#include <odoobridge/bitrix24/dialect.hpp>
#include <odoobridge/core/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace odoobridge::bitrix24 {

/// How pages are fetched (see the file comment).
enum class PageMode { batched, classic, fast };

/// A list method and how its answers are shaped.
struct ListSpec {
    std::string method;            ///< e.g. "user.get", "tasks.task.list", "crm.item.list"
    json params = json::object();  ///< filter, select ... in the method's own spelling
    std::string items_key;         ///< where the rows are: "" = `result` itself is the list,
                                   ///< else `result[items_key]` ("tasks", "items")
    // Fast mode only:
    std::string filter_param = "filter";  ///< the filter parameter ("FILTER" for user.get)
    std::string id_filter = ">ID";        ///< the filter key for "id greater than"
    std::string row_id = "ID";            ///< the id member of each row ("id" when camelCase)
    /// Parameters that order by ascending id, merged into `params` (user.get:
    /// {"sort": "ID", "order": "ASC"}).
    json id_order = {{"order", {{"ID", "ASC"}}}};
};

/// Fetches the pages of one list, one call of `next()` at a time. Not thread-safe; use one
/// pager per thread (they share the client's limits).
class Pager {
public:
    /// \throws ConfigurationError when the spec has no method or `params` is not an object.
    Pager(Client client, ListSpec spec, PageMode mode = PageMode::batched);
    ~Pager();
    Pager(Pager&&) noexcept;
    Pager& operator=(Pager&&) noexcept;

    /// The next rows in order (one page, or up to 50 pages in batched mode), or nullopt
    /// once the list is exhausted.
    /// \throws what `Client::call` and `Client::batch` throw (a failed page's own error
    ///         included); UnexpectedResponseError when rows are not where the spec says.
    [[nodiscard]] std::optional<std::vector<json>> next();
    /// `total` as reported by the portal (not known in fast mode).
    [[nodiscard]] std::optional<std::int64_t> total() const;
    /// HTTP requests made so far.
    [[nodiscard]] int requests() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// An input range over rows decoded to `T` (`json` for raw rows).
template <class T>
class PagedRange {
public:
    using Decoder = std::function<T(const json& row)>;

    PagedRange(std::shared_ptr<Pager> pager, Decoder decode)
        : pager_(std::move(pager)), decode_(std::move(decode)) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;

        iterator() = default;
        explicit iterator(PagedRange* range) : range_(range) { advance(); }
        reference operator*() const { return current_; }
        pointer operator->() const { return &current_; }
        iterator& operator++() {
            advance();
            return *this;
        }
        void operator++(int) { advance(); }
        friend bool operator==(const iterator& a, const iterator& b) {
            return a.range_ == b.range_;
        }

    private:
        void advance() {
            auto& page = range_->page_;
            while (range_->index_ >= page.size()) {
                auto next = range_->pager_->next();
                if (!next) {
                    range_ = nullptr;
                    return;
                }
                page = std::move(*next);
                range_->index_ = 0;
            }
            current_ = range_->decode_(page[range_->index_++]);
        }
        PagedRange* range_ = nullptr;
        T current_{};
    };

    /// Starts (or continues) the iteration; fetches the first page.
    iterator begin() { return iterator(this); }
    iterator end() { return iterator(); }
    /// The underlying pager (requests made, total).
    [[nodiscard]] const Pager& pager() const noexcept { return *pager_; }
    /// Reads every remaining row.
    [[nodiscard]] std::vector<T> to_vector() {
        std::vector<T> rows;
        for (auto&& row : *this) rows.push_back(row);
        return rows;
    }

private:
    std::shared_ptr<Pager> pager_;
    Decoder decode_;
    std::vector<json> page_;
    std::size_t index_ = 0;
};

/// The rows of `spec`'s list as json objects.
/// \throws ConfigurationError as `Pager`.
[[nodiscard]] PagedRange<json> list(const Client& client, ListSpec spec,
                                    PageMode mode = PageMode::batched);

/// The rows of `spec`'s list decoded to the described struct `T` (Bitrix24 dialect).
/// Iteration throws DecodeError for a row that does not fit `T`.
template <core::DescribedStruct T>
[[nodiscard]] PagedRange<T> list_as(const Client& client, ListSpec spec,
                                    PageMode mode = PageMode::batched) {
    std::string method = spec.method;
    return PagedRange<T>(std::make_shared<Pager>(client, std::move(spec), mode),
                         [method](const json& row) { return from_json<T>(row, method); });
}

}  // namespace odoobridge::bitrix24
