// Model<T>'s typed reads (search_read, read, stream) on each protocol, against the recorded
// answers of tests/data/wire: the records decoded straight from the answer bytes
// (Protocol::execute_records) equal the records decoded from the dynamic result of the
// same answer, and error answers, expired sessions and retries behave as in execute_kw.
#include <boost/describe.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo.hpp>
#include <odoobridge/testing/fake_transport.hpp>
#include <optional>
#include <string>
#include <vector>

#include "capture.hpp"

using namespace odoobridge;
using namespace odoobridge::odoo;
using odoobridge::test::load_capture;

namespace typed_reads_test {

/// A user's own narrow view of res.partner: unknown fields of the answers are skipped.
struct PartnerCard {
    static constexpr std::string_view odoo_model = "res.partner";
    Id id = 0;
    std::string name;
    std::optional<Many2one> country_id;
};
BOOST_DESCRIBE_STRUCT(PartnerCard, (), (id, name, country_id))

bool operator==(const PartnerCard& a, const PartnerCard& b) {
    return a.id == b.id && a.name == b.name && a.country_id == b.country_id;
}

}  // namespace typed_reads_test

using typed_reads_test::PartnerCard;

namespace {

/// The recorded answers a protocol needs to log in and to answer one search_read.
struct Recording {
    ProtocolKind protocol;
    std::string search_read;   ///< capture answering every records call
    std::string access_error;  ///< capture of an AccessError answer on this protocol
};

const std::vector<Recording>& recordings() {
    static const std::vector<Recording> all{
        {ProtocolKind::xmlrpc, "odoo16/xmlrpc/partner_search_read.json",
         "odoo16/xmlrpc/error_access_error_demo_read_model.json"},
        {ProtocolKind::jsonrpc, "odoo16/jsonrpc/partner_search_read.json",
         "odoo16/jsonrpc/error_access_error_demo_read_model.json"},
        {ProtocolKind::session, "odoo16/session/call_kw_search_read.json",
         "odoo16/jsonrpc/error_access_error_demo_read_model.json"},
        {ProtocolKind::json2, "odoo19/02_json2_search_read.json",
         "odoo19/31_json2_error_access.json"},
    };
    return all;
}

/// The login answer of `protocol` (JSON-2 resolves the uid with res.users.search).
core::Response login_answer(ProtocolKind protocol) {
    switch (protocol) {
        case ProtocolKind::xmlrpc:
            return load_capture("odoo16/xmlrpc/common_login.json").response();
        case ProtocolKind::jsonrpc:
            return load_capture("odoo16/jsonrpc/common_login.json").response();
        case ProtocolKind::session:
            return load_capture("odoo16/session/authenticate.json").response();
        default:
            return core::Response{200, {{"Content-Type", "application/json"}}, "[2]"};
    }
}

/// A client of `protocol` over `transport`, logged in with the recorded login answer.
Client connect(ProtocolKind protocol, const std::shared_ptr<testing::FakeTransport>& transport) {
    ClientOptions options;
    options.url = "http://odoo.test";
    options.database = "testdb";
    options.credentials = protocol == ProtocolKind::json2
                              ? Credentials{ApiKey{"admin", "recorded-api-key-0001"}}
                              : Credentials{Password{"admin", "admin"}};
    options.protocol = protocol;
    options.transport = transport;
    options.retry.initial_delay = std::chrono::milliseconds(1);
    transport->push(login_answer(protocol));
    return Client::connect(options);  // sends the login: the queue now holds call answers only
}

/// The records of `capture`'s answer decoded the dynamic way (execute_kw then the codec):
/// the oracle the bytes path must agree with.
std::vector<PartnerCard> decoded_from_value(ProtocolKind protocol, const std::string& capture) {
    auto transport = std::make_shared<testing::FakeTransport>();
    Client client = connect(protocol, transport);
    transport->push(load_capture(capture).response());
    const json result =
        client.execute_kw("res.partner", "search_read", json::array({json::array()}),
                          {{"fields", field_names<PartnerCard>()}});
    return records_from_json<PartnerCard>(result);
}

}  // namespace

TEST_CASE("typed search_read, read and stream decode each protocol's recorded answer",
          "[model][typed]") {
    for (const Recording& recording : recordings()) {
        CAPTURE(to_string(recording.protocol));
        const std::vector<PartnerCard> expected =
            decoded_from_value(recording.protocol, recording.search_read);
        REQUIRE(expected.size() >= 2);
        REQUIRE(expected[0].country_id.has_value());

        auto transport = std::make_shared<testing::FakeTransport>();
        const auto partners = connect(recording.protocol, transport).model<PartnerCard>();
        const std::size_t sent_before = transport->request_count();

        transport->push(load_capture(recording.search_read).response());
        CHECK(partners.search_read(field("is_company") == true) == expected);

        transport->push(load_capture(recording.search_read).response());
        const std::vector<Id> ids{expected[0].id, expected[1].id};
        CHECK(partners.read(ids) == expected);

        transport->push(load_capture(recording.search_read).response());
        std::vector<PartnerCard> streamed;
        for (const PartnerCard& partner : partners.stream({}, 500)) streamed.push_back(partner);
        CHECK(streamed == expected);

        CHECK(transport->request_count() - sent_before == 3);
    }
}

TEST_CASE("a typed read of an error answer raises the class execute_kw raises", "[model][typed]") {
    for (const Recording& recording : recordings()) {
        CAPTURE(to_string(recording.protocol));
        auto transport = std::make_shared<testing::FakeTransport>();
        const auto partners = connect(recording.protocol, transport).model<PartnerCard>();
        transport->push(load_capture(recording.access_error).response());
        CHECK_THROWS_AS(partners.search_read(), AccessError);
    }
}

TEST_CASE("a typed read retries a transient failure and decodes the answer once",
          "[model][typed]") {
    for (const Recording& recording : recordings()) {
        CAPTURE(to_string(recording.protocol));
        auto transport = std::make_shared<testing::FakeTransport>();
        const auto partners = connect(recording.protocol, transport).model<PartnerCard>();
        transport->push(core::Response{503, {{"Content-Type", "text/html"}}, "<h1>busy</h1>"});
        transport->push(load_capture(recording.search_read).response());
        CHECK(partners.search_read() ==
              decoded_from_value(recording.protocol, recording.search_read));
    }
}

TEST_CASE("a typed read over an expired web session logs in again once and decodes",
          "[model][typed][session]") {
    auto transport = std::make_shared<testing::FakeTransport>();
    const auto partners = connect(ProtocolKind::session, transport).model<PartnerCard>();
    transport->push(load_capture("odoo16/session/call_kw_no_session.json").response());
    transport->push(login_answer(ProtocolKind::session));
    transport->push(load_capture("odoo16/session/call_kw_search_read.json").response());
    const std::vector<PartnerCard> records = partners.search_read();
    REQUIRE(records.size() == 2);
    CHECK(records[0].name == "Azure Interior");
    CHECK(records[1].country_id->name == "United States");
}

TEST_CASE("a typed read of a record that does not fit names model, record and field",
          "[model][typed]") {
    auto transport = std::make_shared<testing::FakeTransport>();
    const auto partners = connect(ProtocolKind::jsonrpc, transport).model<PartnerCard>();
    transport->push(core::Response{
        200,
        {{"Content-Type", "application/json"}},
        R"({"jsonrpc":"2.0","id":1,"result":[{"id":7,"name":"Acme","country_id":"Kazakhstan"}]})"});
    try {
        (void)partners.search_read();
        FAIL("no DecodeError");
    } catch (const DecodeError& error) {
        CHECK(error.model() == "res.partner");
        CHECK(error.record_id() == 7);
        const std::string message = error.what();
        CHECK(message.find("country_id") != std::string::npos);
        CHECK(message.find("Kazakhstan") != std::string::npos);
    }
}
