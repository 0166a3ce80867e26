#include <catch2/catch.hpp>

#include "b24_support.hpp"

namespace b24 = odoobridge::bitrix24;
using odoobridge::json;
using odoobridge::core::Request;
using odoobridge::core::Response;
using odoobridge::testing::FakeTransport;
using namespace odoobridge::test;

namespace {

std::int64_t as_int(const json& value) {
    return value.is_string() ? std::stoll(value.get<std::string>()) : value.get<std::int64_t>();
}

/// user.get over `count` users (ids 1..count) as the portal pages it, alone or in batch.
struct UserPortal {
    int count;
    int failing_start = -1;  // a batch page answering an error

    json page(const json& params, json& extra) const {
        const std::int64_t start = params.contains("start") ? as_int(params["start"]) : 0;
        std::int64_t after = 0;
        if (params.contains("FILTER") && params["FILTER"].contains(">ID"))
            after = as_int(params["FILTER"][">ID"]);
        json rows = json::array();
        const std::int64_t first = start == -1 ? after : std::max<std::int64_t>(start, after);
        for (std::int64_t id = first + 1; id <= count && rows.size() < 50; ++id)
            rows.push_back({{"ID", std::to_string(id)}, {"NAME", "U" + std::to_string(id)}});
        if (start != -1) {
            extra["total"] = count;
            if (start + 50 < count) extra["next"] = start + 50;
        }
        return rows;
    }

    std::optional<Response> operator()(const Request& request) const {
        const json body = body_of(request);
        if (request.url.ends_with("/user.get.json")) {
            json extra = json::object();
            const json rows = page(body, extra);
            return ok(rows, extra);
        }
        json result = json::object(), totals = json::object(), errors = json::object();
        for (const auto& [key, command] : body["cmd"].items()) {
            const std::string text = command.get<std::string>();
            const json params = b24::decode_php_form(text.substr(text.find('?') + 1));
            if (as_int(params["start"]) == failing_start) {
                errors[key] = {{"error", "INTERNAL_SERVER_ERROR"},
                               {"error_description", "page lost"}};
                continue;
            }
            json extra = json::object();
            result[key] = page(params, extra);
            totals[key] = extra["total"];
        }
        return ok({{"result", result}, {"result_error", errors}, {"result_total", totals}});
    }
};

struct Fetch {
    std::size_t rows = 0;
    std::size_t requests = 0;
    bool in_order = true;
};

Fetch fetch(int users, b24::PageMode mode) {
    auto transport = std::make_shared<FakeTransport>();
    transport->on(UserPortal{users});
    const b24::Client client(fast_options(transport));
    Fetch result;
    std::int64_t last = 0;
    for (const b24::User& user : b24::list_users(client, {}, mode)) {
        result.in_order = result.in_order && user.ID == last + 1;
        last = user.ID;
        ++result.rows;
    }
    result.requests = transport->request_count();
    return result;
}

}  // namespace

TEST_CASE("batched paging takes at most ceil(N / 2500) + 1 requests") {
    for (const int users : {0, 1, 50, 51, 120, 2550, 2551, 10000}) {
        INFO(users << " users");
        const Fetch result = fetch(users, b24::PageMode::batched);
        CHECK(result.rows == static_cast<std::size_t>(users));
        CHECK(result.in_order);
        const std::size_t bound = (users + 2499) / 2500 + 1;
        CHECK(result.requests <= bound);
        CHECK(result.requests == (users <= 50 ? 1u : 1u + (users - 50 + 2499) / 2500));
    }
}

TEST_CASE("classic paging takes one request per page, fast paging one per page plus a last") {
    for (const int users : {0, 49, 50, 120, 1000}) {
        INFO(users << " users");
        const Fetch classic = fetch(users, b24::PageMode::classic);
        CHECK(classic.rows == static_cast<std::size_t>(users));
        CHECK(classic.requests == std::max<std::size_t>(1, (users + 49) / 50));
        const Fetch fast = fetch(users, b24::PageMode::fast);
        CHECK(fast.rows == static_cast<std::size_t>(users));
        CHECK(fast.in_order);
        CHECK(fast.requests == static_cast<std::size_t>(users / 50 + 1));
    }
}

TEST_CASE("fast paging asks for ID order, >ID of the last row and start=-1") {
    auto transport = std::make_shared<FakeTransport>();
    transport->on(UserPortal{75});
    const b24::Client client(fast_options(transport));
    auto users = b24::list_users(client, {.filter = {{"ACTIVE", true}}}, b24::PageMode::fast);
    (void)users.to_vector();
    const auto requests = transport->requests();
    REQUIRE(requests.size() == 2);
    const json second = body_of(requests[1]);
    CHECK(second["start"] == -1);
    CHECK(second["sort"] == "ID");
    CHECK(second["order"] == "ASC");
    CHECK(second["FILTER"] == json{{"ACTIVE", true}, {">ID", 50}});
}

TEST_CASE("pages are fetched only when iteration reaches them") {
    auto transport = std::make_shared<FakeTransport>();
    transport->on(UserPortal{5000});
    const b24::Client client(fast_options(transport));
    auto rows = b24::list(client, b24::user_list_spec(), b24::PageMode::batched);
    CHECK(transport->request_count() == 0);
    auto it = rows.begin();
    CHECK((*it)["ID"] == "1");
    CHECK(transport->request_count() == 1);
    for (int i = 0; i < 50; ++i) ++it;
    CHECK((*it)["ID"] == "51");
    CHECK(transport->request_count() == 2);
    CHECK(rows.pager().total() == 5000);
}

TEST_CASE("a failed page of a fanned-out list raises its own error") {
    auto transport = std::make_shared<FakeTransport>();
    UserPortal portal{300};
    portal.failing_start = 150;
    transport->on(portal);
    const b24::Client client(fast_options(transport));
    auto users = b24::list_users(client);
    CHECK_THROWS_WITH(users.to_vector(),
                      Catch::Contains("page lost") && Catch::Contains("batch command 'p150'"));
}

TEST_CASE("rows missing where the spec says are reported") {
    auto transport = std::make_shared<FakeTransport>();
    transport->on([](const Request&) { return ok(json::array()); });
    const b24::Client client(fast_options(transport));
    auto tasks = b24::list_tasks(client);
    CHECK_THROWS_WITH(tasks.to_vector(),
                      Catch::Contains("result.tasks") && Catch::Contains("items_key"));
    CHECK_THROWS_AS(b24::Pager(client, b24::ListSpec{}), odoobridge::ConfigurationError);
}
