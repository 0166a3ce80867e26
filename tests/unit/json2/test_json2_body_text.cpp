// JSON-2 request bodies are written without copying the arguments into a tree; they must
// still be, byte for byte, the dump() of the named-argument object.

#include "json2_harness.hpp"

namespace {

using namespace odoobridge;
using namespace odoobridge::test;
using namespace odoobridge::test::json2;

/// The body of the last request `h` sent.
std::string last_body(const Harness& h) { return h.transport->requests().back().body; }

}  // namespace

TEST_CASE("JSON-2 bodies are the dump of the named arguments, byte for byte", "[json2]") {
    Harness h;
    for (int i = 0; i < 4; ++i)
        h.transport->push(core::Response{200, {{"Content-Type", "application/json"}}, "true"});

    const json vals = json::parse(
        R"({"name": "Ақ \"Жол\" \\ \u0001\t", "credit_limit": 1e21, "ratio": 0.1, "debt": -12,
            "big": 18446744073709551615, "tags": [], "meta": {}, "note": null, "zero": -0.0})");
    const json context = {{"lang", "kk_KZ"}, {"tz", "Asia/Almaty"}};
    (void)h.call("res.partner", "write", json::array({json::array({7, 9}), vals}),
                 json{{"context", context}});
    CHECK(last_body(h) ==
          json{{"ids", json::array({7, 9})}, {"vals", vals}, {"context", context}}.dump());

    // Positional names and keywords interleave in name order, as in a json object.
    (void)h.call("res.partner", "search_read", json::array({json::array(), json::array({"name"})}),
                 json{{"limit", 5}, {"order", "id"}, {"context", context}});
    CHECK(last_body(h) == json{{"domain", json::array()},
                               {"fields", json::array({"name"})},
                               {"limit", 5},
                               {"order", "id"},
                               {"context", context}}
                              .dump());

    (void)h.call("res.partner", "search_count", json::array(), json{{"domain", json::array()}});
    CHECK(last_body(h) == R"({"domain":[]})");
    (void)h.call("res.partner", "search_count", json::array(), json::object());
    CHECK(last_body(h) == "{}");
}

TEST_CASE("JSON-2 refuses text that is not UTF-8 before sending", "[json2]") {
    Harness h;
    const auto message = exact_error<ConfigurationError>([&] {
        (void)h.call("res.partner", "write",
                     json::array({json::array({1}), json{{"name", std::string("\xC3\x28")}}}));
    });
    CHECK(message.find("res.partner.write") != std::string::npos);
    CHECK(message.find("UTF-8") != std::string::npos);
    CHECK(h.transport->request_count() == 0);
}
