// rosdomofon::Client over libcurl against tests/servers/fake_rosdomofon.py: every operation
// end to end, token expiry and one re-authentication on 401, retries of injected 503s,
// Spring errors and pages as the fake serves them.
#include <catch2/catch.hpp>
#include <odoobridge/core/curl_transport.hpp>
#include <odoobridge/rosdomofon/client.hpp>
#include <thread>

#include "server_process.hpp"

using namespace odoobridge;
using namespace odoobridge::rosdomofon;

namespace {

constexpr const char* kUser = "operator";
constexpr const char* kPassword = "operator-Pa55-secret";

/// One fake RosDomofon per test binary, reset before each test.
class FakeServer {
public:
    static FakeServer& fresh() {
        static FakeServer server;
        server.hook("reset");
        return server;
    }
    [[nodiscard]] ClientOptions options(const std::string& password = kPassword) const {
        ClientOptions options;
        options.url = process_.url();
        options.username = kUser;
        options.password = password;
        options.transport = transport_;
        options.retry.initial_delay = std::chrono::milliseconds{1};
        return options;
    }
    json hook(const std::string& name, const json& body = json::object()) const {
        const bool get = name == "stats" || name == "requests";
        const auto response = transport_->send(core::Request{get ? "GET" : "POST",
                                                             process_.url() + "/__test__/" + name,
                                                             {{"Content-Type", "application/json"}},
                                                             get ? "" : body.dump(),
                                                             {}});
        return json::parse(response.body);
    }

private:
    FakeServer() : process_("fake_rosdomofon.py"), transport_(core::make_default_transport()) {}
    test::ServerProcess process_;
    std::shared_ptr<core::Transport> transport_;
};

}  // namespace

TEST_CASE("accounts and account_by_phone over HTTP") {
    auto& server = FakeServer::fresh();
    const Client client(server.options());
    const auto accounts = client.accounts();
    REQUIRE(accounts.size() == 3);
    CHECK(accounts[0].number == "ACC-1001");
    CHECK(accounts[0].company.shortName == "Test_Company");
    CHECK_FALSE(accounts[2].number);
    CHECK(accounts[2].blockReason == "debt");
    const auto found = client.account_by_phone(Phone("+7 (906) 134-31-15"));
    REQUIRE(found);
    CHECK(found->id == 904154);
    CHECK_FALSE(client.account_by_phone(Phone("79990000000")));
    CHECK(server.hook("stats")["token_requests"] == 1);
}

TEST_CASE("onboarding: account, flat, service connection, block and unblock") {
    auto& server = FakeServer::fresh();
    const Client client(server.options());
    const CreatedAccount account = client.create_account("ACC-77", Phone("8 999 000 11 22"));
    CHECK(account.owner.phone.digits() == "79990001122");
    CHECK_THROWS_AS(client.create_account("ACC-77", Phone("79990001122")), ValidationError);

    const Flat flat = client.create_flat({account.owner.id, "26959", "12", false});
    CHECK(flat.owner->id == account.owner.id);
    CHECK(flat.address.at("entrance").at("id") == 26959);
    CHECK_THROWS_AS(client.create_flat({{}, "1", "1", false}), NotFoundError);

    const auto services = client.entrance_services(26959);
    REQUIRE(services.size() == 3);
    CHECK(services[0].type == "Intercom");
    const std::int64_t connection = client.connect_service(services[0].id, flat.id, account.id);
    CHECK(connection > 0);

    auto mine = client.account_connections(account.id);
    REQUIRE(mine.size() == 1);
    CHECK(mine[0].id == connection);
    CHECK(mine[0].service->name == services[0].name);
    CHECK(mine[0].flat->id == flat.id);
    CHECK(client.service_connections(services[0].id).size() == 2);

    client.block_connection(connection);
    CHECK(client.account_connections(account.id)[0].blocked);
    client.unblock_connection(connection);
    CHECK_FALSE(client.account_connections(account.id)[0].blocked);
    client.block_account("ACC-77");
    CHECK(client.account_by_phone(Phone("79990001122"))->blocked);
    client.unblock_account("ACC-77");
    CHECK_FALSE(client.account_by_phone(Phone("79990001122"))->blocked);
    CHECK_THROWS_AS(client.block_account("NO-SUCH"), NotFoundError);
    CHECK_THROWS_AS(client.entrance_services(1), NotFoundError);
    CHECK_THROWS_AS(client.account_connections(1), NotFoundError);
}

TEST_CASE("messages: send to several abonents, then page through a conversation") {
    auto& server = FakeServer::fresh();
    const Client client(server.options());
    client.send_message(
        {Recipient::abonent(1480844), Recipient::phone_number(Phone("+7 916 123-45-67"))},
        "Плановые работы");
    for (const std::int64_t abonent : {1480844, 1480845}) {
        const auto page = client.abonent_messages_page(abonent, 0, {"support", 10});
        REQUIRE(page.content.size() == 1);
        CHECK(page.content[0].message == "Плановые работы");
        CHECK_FALSE(page.content[0].incoming);
    }
    CHECK_THROWS_AS(client.send_message({Recipient::abonent(42)}, "x"), NotFoundError);

    const auto first = client.abonent_messages_page(1574870, 0, {"support", 5});
    CHECK(first.totalElements == 23);
    CHECK(first.totalPages == 5);
    std::vector<std::int64_t> ids;
    for (const auto& message : client.abonent_messages(1574870, {"support", 5})) {
        CHECK(message.channel == "support");
        ids.push_back(message.id);
    }
    CHECK(ids.size() == 23);
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
    CHECK(server.hook("stats")["calls"]["GET /abonents/{id}/messages"] == 2 + 1 + 5);
    std::size_t all = 0;
    for (const auto& message : client.abonent_messages(1574870, {"", 100})) all += message.id > 0;
    CHECK(all == 27);
}

TEST_CASE("a token that expires is renewed before use; a revoked one after a 401") {
    auto& server = FakeServer::fresh();
    server.hook("token_ttl", {{"seconds", 1}});
    const Client client(server.options());
    (void)client.accounts();
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    (void)client.accounts();
    auto stats = server.hook("stats");
    CHECK(stats["token_requests"] == 2);
    CHECK(stats["unauthorized"] == 0);

    server.hook("token_ttl", {{"seconds", 3600}});
    client.authenticate();
    server.hook("expire_tokens");
    CHECK(client.accounts().size() == 3);
    stats = server.hook("stats");
    CHECK(stats["token_requests"] == 4);
    CHECK(stats["unauthorized"] == 1);
}

TEST_CASE("wrong credentials and injected failures") {
    auto& server = FakeServer::fresh();
    const Client wrong(server.options("not-the-password"));
    try {
        (void)wrong.accounts();
        FAIL("accepted a wrong password");
    } catch (const AuthenticationError& error) {
        const std::string what = error.what();
        CHECK(what.find("Bad credentials") != std::string::npos);
        CHECK(what.find("not-the-password") == std::string::npos);
        CHECK(error.details().error == "invalid_grant");
    }

    const Client client(server.options());
    server.hook("fail_next", {{"status", 503}, {"count", 2}, {"path", "/accounts"}});
    CHECK(client.accounts().size() == 3);  // two 503s retried
    server.hook("fail_next", {{"status", 503}, {"count", 1}, {"path", "/flats"}});
    CHECK_THROWS_AS(client.create_flat({{}, "26959", "3", false}), UnexpectedResponseError);
    server.hook("fail_next", {{"status", 502}, {"count", 1}, {"path", "/oauth/token"}});
    client.authenticate();  // the token request is safe to repeat
}
