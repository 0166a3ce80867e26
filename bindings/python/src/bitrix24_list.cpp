// odoobridge.bitrix24.ListIterator: the rows of a Bitrix24 list method, fetched lazily by a
// `bitrix24::Pager`, each page with the GIL released.

#include <cstddef>
#include <memory>
#include <odoobridge/bitrix24/pager.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "bitrix24.hpp"
#include "convert.hpp"
#include "generator_state.hpp"

namespace odoobridge::python::bitrix24 {

namespace {

/// One walk over a list; single pass, like a generator. Use from one thread at a time
/// (a second thread gets ValueError, as with a running generator).
class ListIterator {
public:
    ListIterator(std::shared_ptr<Connection> connection, b24::Pager pager, RowConverter convert)
        : connection_(std::move(connection)),
          pager_(std::move(pager)),
          convert_(std::move(convert)) {}

    /// The next row. \throws StopIteration at the end or after a failed fetch; ValueError
    ///         when the client was closed or another thread is iterating; the fetch's error.
    py::object next() {
        while (index_ >= page_.size()) {
            std::optional<std::vector<json>> rows =
                state_.fetch([&] { (void)connection_->client(); },  // a closed client's list stops
                             [&] { return pager_.next(); });
            page_ = rows ? std::move(*rows) : std::vector<json>{};
            index_ = 0;
            if (!rows) state_.stop();
        }
        return convert_(page_[index_++]);
    }

    [[nodiscard]] std::optional<std::int64_t> total() const { return pager_.total(); }
    [[nodiscard]] int requests() const noexcept { return pager_.requests(); }

private:
    std::shared_ptr<Connection> connection_;
    b24::Pager pager_;
    RowConverter convert_;
    std::vector<json> page_;
    std::size_t index_ = 0;
    GeneratorState state_{"list"};
};

}  // namespace

b24::PageMode page_mode(const std::string& name) {
    if (name == "batched") return b24::PageMode::batched;
    if (name == "classic") return b24::PageMode::classic;
    if (name == "fast") return b24::PageMode::fast;
    throw py::value_error("mode=" + py::repr(py::str(name)).cast<std::string>() +
                          " is not a page mode; use \"batched\" (the default: pages fetched 50 "
                          "per batch request), \"fast\" (ID order, no count) or \"classic\" "
                          "(start/next, one request per page)");
}

py::object make_list(const PyClient& client, b24::ListSpec spec, b24::PageMode mode,
                     RowConverter convert) {
    b24::Pager pager(client.connection->client(), std::move(spec), mode);
    return py::cast(ListIterator(client.connection, std::move(pager), std::move(convert)));
}

void register_list(py::module_& module) {
    py::class_<ListIterator>(module, "ListIterator",
                             R"(The rows of a Bitrix24 list method, fetched page by page as
iteration reaches them (the GIL is released while a page is fetched). Iterate it once, from
one thread at a time. `total` is the portal's count (None in fast mode or before the first
page); `requests` the HTTP requests made so far.)")
        .def("__iter__", [](py::object self) { return self; })
        .def("__next__", &ListIterator::next)
        .def_property_readonly("total", &ListIterator::total,
                               "The number of rows the portal reported, or None.")
        .def_property_readonly("requests", &ListIterator::requests,
                               "HTTP requests made so far by this list.")
        .attr("__module__") = kPublicModule;
}

}  // namespace odoobridge::python::bitrix24
