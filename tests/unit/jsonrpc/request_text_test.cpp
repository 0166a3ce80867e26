// The request bodies written without building trees must be, byte for byte, the dump()
// of the tree the protocols used to build; and execute_all must hand every answer to its
// call whatever order the transport delivers them in.

#include <algorithm>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/errors.hpp>
#include <string>
#include <vector>

#include "jsonrpc_test_support.hpp"

namespace {

using namespace odoobridge;
using namespace odoobridge::test;

/// Arguments with everything a serializer can get wrong: escapes, control characters,
/// non-ASCII text, signed, unsigned and floating numbers, nesting, empty containers.
const odoo::Call tricky_call{
    "res.partner", "write",
    json::parse(R"([[7, 9], {"name": "Ақ \"Жол\" \\ \u0001\t/", "credit_limit": 1e21,
                    "ratio": 0.1, "debt": -12, "big": 18446744073709551615, "tags": [],
                    "meta": {}, "note": null, "active": false, "zero": -0.0}])"),
    json{{"context", {{"lang", "kk_KZ"}, {"tz", "Asia/Almaty"}}}}};

/// The `id` member of a JSON-RPC body.
std::string id_of(const std::string& body) { return json::parse(body)["id"].dump(); }

std::string envelope(const std::string& id, const json& params) {
    return R"({"jsonrpc":"2.0","method":"call","id":)" + id + R"(,"params":)" + params.dump() + "}";
}

/// Sends each request through the fake transport, then delivers the outcomes in reverse
/// order, leaving out request `skip` (a broken transport) when it is set.
class ReversingTransport final : public core::Transport {
public:
    explicit ReversingTransport(std::shared_ptr<testing::FakeTransport> inner,
                                std::size_t skip = static_cast<std::size_t>(-1))
        : inner_(std::move(inner)), skip_(skip) {}

    core::Response send(const core::Request& request) override { return inner_->send(request); }

    void send_each(std::span<const core::Request> requests,
                   const OutcomeHandler& on_outcome) override {
        auto outcomes = inner_->core::Transport::send_all(requests);
        for (std::size_t i = outcomes.size(); i-- > 0;)
            if (i != skip_) on_outcome(i, std::move(outcomes[i]));
    }

private:
    std::shared_ptr<testing::FakeTransport> inner_;
    std::size_t skip_;
};

std::unique_ptr<odoo::Protocol> protocol_over(std::shared_ptr<core::Transport> transport) {
    return odoo::make_protocol(odoo::ProtocolKind::jsonrpc,
                               odoo::Connection{base_url, "testdb", odoo::Password{"admin", secret},
                                                std::move(transport), nullptr});
}

/// Answers login with uid 2 and every ORM call with the method name and its first argument.
void answer_calls(testing::FakeTransport& fake) {
    fake.on([](const core::Request& request) -> std::optional<core::Response> {
        const json params = json::parse(request.body)["params"];
        if (params["method"] == "login") return result_response(2);
        const json& args = params["args"];
        if (args[4] == "fail") return html_response(502);
        return result_response(json::array({args[4], args[5][0]}));
    });
}

}  // namespace

TEST_CASE("JSON-RPC execute_kw bodies are the dump of the envelope, byte for byte", "[jsonrpc]") {
    Fixture fixture(odoo::ProtocolKind::jsonrpc);
    fixture.transport->push(result_response(2));
    fixture.transport->push(result_response(true));
    fixture.transport->push(result_response(1));
    CHECK(fixture.protocol->execute_kw(tricky_call) == true);
    const odoo::Call no_kwargs{"res.partner", "search_count", json::array({json::array()}),
                               json::object()};
    CHECK(fixture.protocol->execute_kw(no_kwargs) == 1);

    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[0].body ==
          envelope(id_of(requests[0].body), json{{"service", "common"},
                                                 {"method", "login"},
                                                 {"args", {"testdb", "admin", secret}}}));
    CHECK(requests[1].body ==
          envelope(id_of(requests[1].body), json{{"service", "object"},
                                                 {"method", "execute_kw"},
                                                 {"args",
                                                  {"testdb", 2, secret, "res.partner", "write",
                                                   tricky_call.args, tricky_call.kwargs}}}));
    CHECK(requests[2].body ==
          envelope(id_of(requests[2].body),
                   json{{"service", "object"},
                        {"method", "execute_kw"},
                        {"args",
                         {"testdb", 2, secret, "res.partner", "search_count", no_kwargs.args}}}));
}

TEST_CASE("session call_kw bodies are the dump of the envelope, byte for byte", "[session]") {
    Fixture fixture(odoo::ProtocolKind::session);
    fixture.transport->push(core::Response{
        200,
        {{"Content-Type", "application/json"}, {"Set-Cookie", "session_id=abc; Path=/"}},
        R"({"jsonrpc":"2.0","id":1,"result":{"uid":2}})"});
    fixture.transport->push(result_response(true));
    fixture.transport->push(result_response(json::array()));
    CHECK(fixture.protocol->execute_kw(tricky_call) == true);
    const odoo::Call null_kwargs{"res.partner", "search", json::array({json::array()}), nullptr};
    CHECK(fixture.protocol->execute_kw(null_kwargs) == json::array());

    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[1].url == base_url + "/web/dataset/call_kw/res.partner/write");
    CHECK(requests[1].body ==
          envelope(id_of(requests[1].body), json{{"model", "res.partner"},
                                                 {"method", "write"},
                                                 {"args", tricky_call.args},
                                                 {"kwargs", tricky_call.kwargs}}));
    CHECK(requests[2].body == envelope(id_of(requests[2].body), json{{"model", "res.partner"},
                                                                     {"method", "search"},
                                                                     {"args", null_kwargs.args},
                                                                     {"kwargs", json::object()}}));
}

TEST_CASE("execute_all gives each call its own answer whatever the delivery order", "[jsonrpc]") {
    auto fake = std::make_shared<testing::FakeTransport>();
    answer_calls(*fake);
    const auto protocol = protocol_over(std::make_shared<ReversingTransport>(fake));
    std::vector<odoo::Call> calls;
    for (int i = 0; i < 6; ++i)
        calls.push_back({"res.partner", i == 3 ? "fail" : "read", json::array({json::array({i})}),
                         json::object()});
    calls.push_back({"res.partner", "read", json{{"not", "a list"}}, json::object()});

    const auto outcomes = protocol->execute_all(calls);
    REQUIRE(outcomes.size() == calls.size());
    for (int i = 0; i < 6; ++i) {
        INFO("call " << i);
        if (i == 3)
            CHECK_THROWS_AS(outcomes[i].value(), UnexpectedResponseError);
        else
            CHECK(outcomes[i].value() == json::array({"read", json::array({i})}));
    }
    CHECK_THROWS_AS(outcomes[6].value(), ConfigurationError);  // never sent
}

TEST_CASE("execute_all reports a call the transport gave no outcome for", "[jsonrpc]") {
    auto fake = std::make_shared<testing::FakeTransport>();
    answer_calls(*fake);
    const auto protocol = protocol_over(std::make_shared<ReversingTransport>(fake, 1));
    const std::vector<odoo::Call> calls(
        3, odoo::Call{"res.partner", "read", json::array({json::array({5})}), json::object()});
    const auto outcomes = protocol->execute_all(calls);
    REQUIRE(outcomes.size() == 3);
    CHECK(outcomes[0].value() == json::array({"read", json::array({5})}));
    CHECK(outcomes[2].value() == json::array({"read", json::array({5})}));
    try {
        (void)outcomes[1].value();
        FAIL("no exception");
    } catch (const TransportError& error) {
        CHECK(std::string(error.what()).find("no outcome for call 1 (res.partner.read)") !=
              std::string::npos);
    }
}
