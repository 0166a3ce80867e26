// Positional → named arguments: the built-in table, the server's /doc-bearer description
// (fetched once per model), and the errors raised before anything is sent.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "json2_harness.hpp"

namespace {

using namespace odoobridge;
using namespace odoobridge::test;
using namespace odoobridge::test::json2;

const std::string partner_doc = "odoo19/40_doc_bearer_res_partner.json";

bool is_doc_request(const core::Request& request, const std::string& model) {
    return request.method == "GET" && request.url == base_url + "/doc-bearer/" + model + ".json";
}

/// Answers GET /doc-bearer/res.partner.json with capture 40 and counts the lookups.
void serve_partner_doc(testing::FakeTransport& transport, std::atomic<int>& lookups,
                       std::chrono::milliseconds delay = std::chrono::milliseconds(0)) {
    transport.on([&lookups, delay, answer = ordered_response(partner_doc)](
                     const core::Request& request) -> std::optional<core::Response> {
        if (!is_doc_request(request, "res.partner")) return std::nullopt;
        ++lookups;
        std::this_thread::sleep_for(delay);
        return answer;
    });
}

/// Answers every POST /json/2/... with `result`.
void serve_calls(testing::FakeTransport& transport, json result) {
    transport.on([result](const core::Request& request) -> std::optional<core::Response> {
        if (request.method != "POST" || request.url.find("/json/2/") == std::string::npos)
            return std::nullopt;
        return core::Response{200, {{"Content-Type", "application/json"}}, result.dump()};
    });
}

std::vector<core::Request> calls_to(const std::vector<core::Request>& requests,
                                    const std::string& path) {
    std::vector<core::Request> found;
    for (const auto& r : requests)
        if (r.url == base_url + path) found.push_back(r);
    return found;
}

TEST_CASE("doc-bearer names the arguments of methods outside the table, fetched once",
          "[json2][signatures]") {
    Harness h;
    std::atomic<int> lookups{0};
    serve_partner_doc(*h.transport, lookups);
    serve_calls(*h.transport, json::parse(R"({"invoice": 9})"));

    // address_get is a record method: args[0] is the ids.
    CHECK(h.call("res.partner", "address_get", json::parse(R"([[9],["invoice"]])")) ==
          json::parse(R"({"invoice": 9})"));
    // find_or_create is @api.model: no ids, the first argument is `email`.
    (void)h.call("res.partner", "find_or_create", json::parse(R"(["a@example.kz", true])"),
                 json::parse(R"({"context":{"lang":"ru_RU"}})"));
    CHECK(lookups == 1);

    const auto requests = h.transport->requests();
    REQUIRE(requests.size() == 3);
    // The lookup is the recorded doc-bearer request.
    check_request(requests[0], load_capture(partner_doc));
    CHECK(json::parse(requests[1].body) == json::parse(R"({"ids":[9],"adr_pref":["invoice"]})"));
    CHECK(requests[1].url == base_url + "/json/2/res.partner/address_get");
    CHECK(json::parse(requests[2].body) ==
          json::parse(
              R"({"email":"a@example.kz","assert_valid_email":true,"context":{"lang":"ru_RU"}})"));
}

TEST_CASE("doc-bearer parameters that cannot be positional", "[json2][signatures]") {
    Harness h;
    std::atomic<int> lookups{0};
    serve_partner_doc(*h.transport, lookups);
    serve_calls(*h.transport, json(true));

    SECTION("keyword-only parameters of message_post must be named") {
        const std::string message = exact_error<ConfigurationError>(
            [&] { (void)h.call("res.partner", "message_post", json::parse(R"([[9], "hello"])")); });
        CHECK(message ==
              "res.partner.message_post takes the record ids and no other positional argument "
              "over JSON-2, got 1 after the ids; pass the rest as keyword arguments (kwargs) by "
              "their parameter names");
        CHECK(calls_to(h.transport->requests(), "/json/2/res.partner/message_post").empty());
        // Named, it goes through.
        (void)h.call("res.partner", "message_post", json::parse("[[9]]"),
                     json::parse(R"({"body":"hello"})"));
        const auto sent = calls_to(h.transport->requests(), "/json/2/res.partner/message_post");
        REQUIRE(sent.size() == 1);
        CHECK(json::parse(sent[0].body) == json::parse(R"({"ids":[9],"body":"hello"})"));
    }
    SECTION("**act_values of activity_schedule stops the positional list") {
        (void)h.call("res.partner", "activity_schedule",
                     json::parse(R"([[9], "mail.mail_activity_data_todo", "2025-01-31", "Call",
                                     "<p>n</p>"])"));
        const auto sent =
            calls_to(h.transport->requests(), "/json/2/res.partner/activity_schedule");
        REQUIRE(sent.size() == 1);
        CHECK(json::parse(sent[0].body) ==
              json::parse(R"({"ids":[9],"act_type_xmlid":"mail.mail_activity_data_todo",
                              "date_deadline":"2025-01-31","summary":"Call","note":"<p>n</p>"})"));
        const std::string message = exact_error<ConfigurationError>([&] {
            (void)h.call("res.partner", "activity_schedule",
                         json::parse(R"([[9], "a", "b", "c", "d", {"x": 1}])"));
        });
        CHECK(message.find("at most 4 positional arguments (act_type_xmlid, date_deadline, "
                           "summary, note)") != std::string::npos);
    }
    SECTION("a method the server does not describe, called with more than the ids") {
        const std::string message = exact_error<ConfigurationError>(
            [&] { (void)h.call("res.partner", "frobnicate", json::parse("[[1], 2]")); });
        CHECK(message.find("res.partner.frobnicate") != std::string::npos);
        CHECK(message.find("/doc-bearer/res.partner.json") != std::string::npos);
        CHECK(calls_to(h.transport->requests(), "/json/2/res.partner/frobnicate").empty());
    }
    SECTION("a method the server does not describe, called with the ids alone, is sent so "
            "the server answers for it") {
        // The server's answer (403 AccessError for `_read`, capture 22) is mapped as usual.
        CHECK(h.call("res.partner", "_read", json::parse("[[1]]")) == json(true));
        const auto sent = calls_to(h.transport->requests(), "/json/2/res.partner/_read");
        REQUIRE(sent.size() == 1);
        CHECK(json::parse(sent[0].body) == json::parse(R"({"ids":[1]})"));
    }
    CHECK(lookups == 1);
}

TEST_CASE("a record method described only by doc-bearer: account.move action_post (capture 36)",
          "[json2][signatures][capture]") {
    const Capture capture = load_capture("odoo19/36_json2_error_user_error.json");
    Harness h;
    int lookups = 0;
    h.transport->on([&](const core::Request& request) -> std::optional<core::Response> {
        if (is_doc_request(request, "account.move")) {
            ++lookups;
            return core::Response{200,
                                  {{"Content-Type", "application/json; charset=utf-8"}},
                                  R"json({"model":"account.move","name":"Journal Entry","methods":
                                  {"action_post":{"signature":"()","parameters":{}}}})json"};
        }
        if (request.url == base_url + capture.request_path) return capture.response();
        return std::nullopt;
    });
    const std::string message = exact_error<odoo::UserError>(
        [&] { (void)h.call("account.move", "action_post", json::parse("[[59]]")); });
    CHECK(message.find("Even magicians can't post nothing!") != std::string::npos);
    CHECK(message.find("account.move.action_post") != std::string::npos);
    CHECK(lookups == 1);
    const auto requests = h.transport->requests();
    REQUIRE(requests.size() == 2);
    check_request(requests[1], capture);
}

TEST_CASE("concurrent first calls share one doc-bearer lookup", "[json2][signatures]") {
    Harness h;
    std::atomic<int> lookups{0};
    serve_partner_doc(*h.transport, lookups, std::chrono::milliseconds(50));
    serve_calls(*h.transport, json(true));
    std::vector<std::thread> threads;
    std::atomic<int> done{0};
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&, i] {
            (void)h.call("res.partner", "address_get", json::array({json::array({i + 1})}));
            ++done;
        });
    for (auto& t : threads) t.join();
    CHECK(done == 4);
    CHECK(lookups == 1);
    CHECK(calls_to(h.transport->requests(), "/json/2/res.partner/address_get").size() == 4);
}

TEST_CASE("a failed doc-bearer lookup is reported and not cached", "[json2][signatures]") {
    Harness h;
    const auto call = [&] { return h.call("res.partner", "address_get", json::parse(R"([[9]])")); };
    SECTION("proxy error, then success") {
        h.transport->push(core::Response{502, {{"Content-Type", "text/html"}}, "<h1>502</h1>"});
        const std::string message = exact_error<UnexpectedResponseError>(call);
        CHECK(message.find("/doc-bearer/res.partner.json") != std::string::npos);
        CHECK(message.find("HTTP 502") != std::string::npos);
        std::atomic<int> lookups{0};
        serve_partner_doc(*h.transport, lookups);
        serve_calls(*h.transport, json::object());
        CHECK(call() == json::object());
        CHECK(lookups == 1);
    }
    SECTION("the key is refused") {
        h.transport->push(load_capture("odoo19/26_json2_error_bad_key.json").response());
        const std::string message = exact_error<odoo::AuthenticationError>(call);
        CHECK(message.find("res.partner.address_get") != std::string::npos);
        CHECK(message.find(api_key) == std::string::npos);
        CHECK(h.transport->request_count() == 1);
    }
    SECTION("an answer that is not a model description (the doc-bearer index, capture 42)") {
        h.transport->push(ordered_response("odoo19/42_doc_bearer_index.json"));
        const std::string message = exact_error<MalformedResponseError>(call);
        CHECK(message.find("no 'methods' object") != std::string::npos);
        CHECK(message.find("/doc-bearer/res.partner.json") != std::string::npos);
    }
    SECTION("invalid JSON") {
        h.transport->push(
            core::Response{200, {{"Content-Type", "application/json"}}, R"({"methods": {)"});
        CHECK(exact_error<MalformedResponseError>(call).find("truncated JSON") !=
              std::string::npos);
    }
}

TEST_CASE("the built-in table agrees with Odoo 19's own description of res.partner",
          "[json2][signatures][capture]") {
    // Each table method the server describes is called with as many positional arguments
    // as the server lists; the named body must use the server's names, and one more
    // argument must be refused before sending.
    for (const std::string file :
         {"odoo19/40_doc_bearer_res_partner.json", "odoo19/41_doc_bearer_res_partner_post.json"}) {
        const core::Response answer = ordered_response(file);
        const auto doc = nlohmann::ordered_json::parse(answer.body);
        Harness h;
        int lookups = 0;
        h.transport->on([&](const core::Request& request) -> std::optional<core::Response> {
            if (!is_doc_request(request, "res.partner")) return std::nullopt;
            ++lookups;
            return answer;
        });
        serve_calls(*h.transport, json(true));
        int compared = 0;
        for (const auto& [method, description] : doc.at("methods").items()) {
            const auto api = description.find("api");
            const bool model_method = api != description.end() &&
                                      std::find(api->begin(), api->end(), "model") != api->end();
            std::vector<std::string> names;
            for (const auto& [name, parameter] : description.at("parameters").items()) {
                if (parameter.value("kind", "POSITIONAL_OR_KEYWORD") != "POSITIONAL_OR_KEYWORD")
                    break;
                names.push_back(name);
            }
            json args = json::array();
            json expected = json::object();
            if (!model_method) {
                args.push_back(json::array({7}));
                expected["ids"] = json::array({7});
            }
            for (std::size_t i = 0; i < names.size(); ++i) {
                args.push_back(static_cast<int>(i) + 100);
                expected[names[i]] = static_cast<int>(i) + 100;
            }
            INFO(file << ": " << method);
            (void)h.call("res.partner", method, args);
            const auto sent = calls_to(h.transport->requests(), "/json/2/res.partner/" + method);
            REQUIRE(sent.size() == 1);
            CHECK(json::parse(sent[0].body) == expected);
            args.push_back("one too many");
            (void)exact_error<ConfigurationError>(
                [&] { (void)h.call("res.partner", method, args); });
            CHECK(calls_to(h.transport->requests(), "/json/2/res.partner/" + method).size() == 1);
            ++compared;
        }
        CHECK(compared == 101);
        CHECK(lookups == 1);
    }
}

TEST_CASE("built-in ORM signatures need no lookup", "[json2][signatures]") {
    Harness h;
    serve_calls(*h.transport, json(true));
    const auto body_of = [&](const std::string& method, const char* args,
                             const char* kwargs = "{}") {
        (void)h.call("res.partner", method, json::parse(args), json::parse(kwargs));
        return json::parse(h.transport->requests().back().body);
    };
    CHECK(body_of("search", R"([[], 10, 5, "name"])") ==
          json::parse(R"({"domain":[],"offset":10,"limit":5,"order":"name"})"));
    CHECK(body_of("read_group", R"([[], ["amount:sum"], ["state"], 0, 80, "state", false])") ==
          json::parse(R"({"domain":[],"fields":["amount:sum"],"groupby":["state"],"offset":0,
                          "limit":80,"orderby":"state","lazy":false})"));
    CHECK(body_of("formatted_read_group", R"([[], ["state"], ["__count"]])") ==
          json::parse(R"({"domain":[],"groupby":["state"],"aggregates":["__count"]})"));
    CHECK(body_of("name_create", R"(["Новый клиент"])") ==
          json::parse(R"({"name":"Новый клиент"})"));
    CHECK(body_of("action_archive", "[[3, 4]]") == json::parse(R"({"ids":[3,4]})"));
    CHECK(body_of("default_get", R"([["name"]])") == json::parse(R"({"fields":["name"]})"));
    CHECK(body_of("copy", R"([[5], {"name": "copy"}])") ==
          json::parse(R"({"ids":[5],"default":{"name":"copy"}})"));
    CHECK(body_of("check_access_rights", R"(["write", false])") ==
          json::parse(R"({"operation":"write","raise_exception":false})"));
    CHECK(body_of("exists", "[[1, 2]]") == json::parse(R"({"ids":[1,2]})"));
    // Keyword-only calls and calls without args need no signature at all.
    CHECK(body_of("anything_at_all", "[]", R"({"ids":[1],"x":2})") ==
          json::parse(R"({"ids":[1],"x":2})"));
    for (const auto& request : h.transport->requests())
        CHECK(request.url.find("/doc-bearer/") == std::string::npos);
}

TEST_CASE("argument errors are raised before anything is sent", "[json2][signatures]") {
    Harness h;
    const auto error = [&](const std::string& model, const std::string& method, const char* args,
                           const char* kwargs = "{}") {
        return exact_error<ConfigurationError>(
            [&] { (void)h.call(model, method, json::parse(args), json::parse(kwargs)); });
    };
    CHECK(error("res.partner", "search_count", "[[], 5, 6]") ==
          "res.partner.search_count takes at most 2 positional arguments (domain, limit) over "
          "JSON-2, got 3; pass the rest as keyword arguments (kwargs) by their parameter names");
    CHECK(error("res.partner", "write", R"([[1], {"name": "x"}, true])") ==
          "res.partner.write takes the record ids and at most 1 positional argument (vals) over "
          "JSON-2, got 2 after the ids; pass the rest as keyword arguments (kwargs) by their "
          "parameter names");
    CHECK(error("res.partner", "unlink", "[[1], 2]").find("no other positional argument") !=
          std::string::npos);
    CHECK(error("res.partner", "search_read", "[[]]", R"({"domain": []})") ==
          "res.partner.search_read got 'domain' both as a positional and as a keyword argument; "
          "pass it once");
    CHECK(error("res.partner", "write", "[[1], {}]", R"({"ids": [2]})").find("'ids'") !=
          std::string::npos);
    CHECK(error("res.partner/../x", "search", "[[]]").find("not an Odoo model name") !=
          std::string::npos);
    CHECK(error("res.partner", "search?x=1", "[[]]").find("not an Odoo method name") !=
          std::string::npos);
    CHECK(error("res.partner", "", "[]").find("needs a model and a method") != std::string::npos);
    CHECK(error("res.partner", "search", R"({"domain": []})").find("JSON array") !=
          std::string::npos);
    const std::string not_utf8 = exact_error<ConfigurationError>([&] {
        (void)h.call(
            "res.partner", "search",
            json::array({json::array({json::array({"name", "=", std::string("\xC0\xFF")})})}));
    });
    CHECK(not_utf8.find("not valid UTF-8") != std::string::npos);
    CHECK(h.transport->request_count() == 0);
}

}  // namespace
