// Model<T> and DynamicModel over a JSON-RPC FakeTransport: the requests they send (fields,
// domain, paging, context), how answers are read, streaming with the id cursor, and the
// schema check.
#include <boost/describe.hpp>
#include <catch2/catch.hpp>
#include <functional>
#include <mutex>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo.hpp>
#include <odoobridge/testing/fake_transport.hpp>
#include <optional>
#include <string>
#include <vector>

#include "expected_error.hpp"

using namespace odoobridge;
using namespace odoobridge::odoo;
using odoobridge::test::message_of;

namespace model_test {

enum class Kind { house, flat };
BOOST_DESCRIBE_ENUM(Kind, house, flat)

struct Home {
    static constexpr std::string_view odoo_model = "x.home";
    Id id = 0;
    std::string name;
    double price = 0;
    Kind kind = Kind::house;
    std::optional<Many2one> owner_id;
    X2many tag_ids;
    std::optional<Date> built;
};
BOOST_DESCRIBE_STRUCT(Home, (), (id, name, price, kind, owner_id, tag_ids, built))

}  // namespace model_test

using model_test::Home;

namespace {

/// One execute_kw call as the server saw it.
struct SeenCall {
    std::string model;
    std::string method;
    json args;
    json kwargs;
};

/// A JSON-RPC Odoo 16 that logs in and answers `object` calls with `answer`.
class FakeServer {
public:
    std::function<json(const SeenCall&)> answer = [](const SeenCall&) { return json::array(); };

    FakeServer() {
        transport_->on([this](const core::Request& request) -> std::optional<core::Response> {
            if (!request.url.ends_with("/jsonrpc")) return std::nullopt;
            const json body = json::parse(request.body);
            const json& params = body.at("params");
            json result;
            if (params["service"] == "common" && params["method"] == "version") {
                result = {{"server_version", "16.0"},
                          {"server_version_info", {16, 0, 0, "final", 0, ""}}};
            } else if (params["service"] == "common" && params["method"] == "login") {
                result = 2;
            } else if (params["service"] == "object") {
                const json& args = params["args"];
                SeenCall call{args[3].get<std::string>(), args[4].get<std::string>(), args[5],
                              args.size() > 6 ? args[6] : json::object()};
                {
                    std::lock_guard lock(mutex_);
                    calls_.push_back(call);
                }
                result = answer(call);
            } else {
                return std::nullopt;
            }
            json envelope{{"jsonrpc", "2.0"}, {"id", body.value("id", json())}, {"result", result}};
            return core::Response{200, {{"Content-Type", "application/json"}}, envelope.dump()};
        });
    }

    Client connect() const {
        ClientOptions options;
        options.url = "http://odoo.test";
        options.database = "db";
        options.credentials = Password{"admin", "admin"};
        options.protocol = ProtocolKind::jsonrpc;
        options.transport = transport_;
        options.context = {{"lang", "en_US"}, {"tz", "UTC"}};
        return Client::connect(options);
    }

    std::vector<SeenCall> calls() const {
        std::lock_guard lock(mutex_);
        return calls_;
    }

private:
    std::shared_ptr<testing::FakeTransport> transport_ = std::make_shared<testing::FakeTransport>();
    mutable std::mutex mutex_;
    std::vector<SeenCall> calls_;
};

/// The bound of an ["id", ">", n] leaf anywhere in `domain`, if any.
std::optional<Id> id_cursor(const json& domain) {
    for (const auto& term : domain)
        if (term.is_array() && term.size() == 3 && term[0] == "id" && term[1] == ">")
            return term[2].get<Id>();
    return std::nullopt;
}

/// search_read over records with ids `ids`, honouring the id cursor, limit and order "id".
json page_of(const std::vector<Id>& ids, const SeenCall& call) {
    REQUIRE(call.method == "search_read");
    CHECK(call.kwargs.at("order") == "id");
    const auto after = id_cursor(call.args.at(0));
    const auto limit = call.kwargs.at("limit").get<std::size_t>();
    json page = json::array();
    for (const Id id : ids) {
        if (after && id <= *after) continue;
        if (page.size() == limit) break;
        page.push_back({{"id", id}, {"name", "home " + std::to_string(id)}, {"kind", "flat"}});
    }
    return page;
}

}  // namespace

TEST_CASE("search_read asks for the struct's fields with domain, paging and merged context") {
    FakeServer server;
    server.answer = [](const SeenCall&) {
        return json::array({{{"id", 4},
                             {"name", "Villa"},
                             {"price", 12.5},
                             {"kind", "flat"},
                             {"owner_id", {3, "Aigerim"}},
                             {"tag_ids", {1, 2}},
                             {"built", false}}});
    };
    const auto homes = server.connect().model<Home>();
    const auto records =
        homes.search_read(field("price") >= 10 && field("kind") == "flat",
                          {.limit = 20,
                           .offset = 40,
                           .order = "price desc",
                           .context = {{"lang", "ru_RU"}, {"active_test", false}}});

    REQUIRE(records.size() == 1);
    CHECK(records[0].id == 4);
    CHECK(records[0].name == "Villa");
    CHECK(records[0].kind == model_test::Kind::flat);
    CHECK(records[0].owner_id == Many2one(3, "Aigerim"));
    CHECK(records[0].tag_ids.ids == std::vector<Id>{1, 2});
    CHECK_FALSE(records[0].built);

    const auto calls = server.calls();
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].model == "x.home");
    CHECK(calls[0].method == "search_read");
    CHECK(calls[0].args == json::parse(R"([["&", ["price", ">=", 10], ["kind", "=", "flat"]]])"));
    CHECK(calls[0].kwargs.at("fields") ==
          json::parse(R"(["id","name","price","kind","owner_id","tag_ids","built"])"));
    CHECK(calls[0].kwargs.at("limit") == 20);
    CHECK(calls[0].kwargs.at("offset") == 40);
    CHECK(calls[0].kwargs.at("order") == "price desc");
    CHECK(calls[0].kwargs.at("context") ==
          json({{"lang", "ru_RU"}, {"tz", "UTC"}, {"active_test", false}}));
}

TEST_CASE("search sends only the paging options given and accepts raw domains") {
    FakeServer server;
    server.answer = [](const SeenCall&) { return json::array({5, 9}); };
    const auto homes = server.connect().model("x.home");
    CHECK(homes.search(Domain::raw(json::parse(R"([["name", "ilike", "villa"]])"))) ==
          std::vector<Id>{5, 9});
    const auto call = server.calls().at(0);
    CHECK(call.method == "search");
    CHECK(call.args == json::parse(R"([[["name", "ilike", "villa"]]])"));
    CHECK_FALSE(call.kwargs.contains("limit"));
    CHECK_FALSE(call.kwargs.contains("offset"));
    CHECK_FALSE(call.kwargs.contains("order"));
    CHECK(call.kwargs.at("context") == json({{"lang", "en_US"}, {"tz", "UTC"}}));
}

TEST_CASE("bad paging options are refused before any request") {
    FakeServer server;
    const auto homes = server.connect().model<Home>();
    CHECK_THROWS_AS(homes.search({}, {.limit = 0}), ConfigurationError);
    CHECK_THROWS_AS(homes.search_read({}, {.offset = -1}), ConfigurationError);
    CHECK_THROWS_AS(homes.stream({}, 0), ConfigurationError);
    CHECK_THROWS_AS(server.connect().model(""), ConfigurationError);
    CHECK(server.calls().empty());
}

TEST_CASE("create, write, unlink, read and exists send Odoo's argument shapes") {
    FakeServer server;
    server.answer = [](const SeenCall& call) -> json {
        if (call.method == "create") {
            // Odoo answers one id for a dict; for a list, a list.
            return call.args.at(0).size() == 1 ? json(11) : json::array({12, 13});
        }
        if (call.method == "read") {
            json found = json::array();
            for (const auto& id : call.args.at(0))
                if (id == 11) found.push_back({{"id", 11}, {"name", "A"}, {"kind", "house"}});
            return found;
        }
        if (call.method == "search") return json::array({11});
        return true;
    };
    const auto homes = server.connect().model<Home>();
    Home home;
    home.name = "A";
    home.price = 3;
    home.owner_id = Many2one(7);
    CHECK(homes.create(home) == 11);
    const std::vector<Home> two(2, home);
    CHECK(homes.create(std::span<const Home>(two)) == std::vector<Id>{12, 13});
    const std::vector<Id> ids{11, 99};
    homes.write(ids,
                Partial<Home>{}.set(&Home::price, 4.0).set(&Home::kind, model_test::Kind::flat));
    homes.write(ids, json{{"name", "B"}});
    const auto read = homes.read(ids);
    CHECK(read.size() == 1);  // 99 does not exist: absent, as Odoo answers
    CHECK(homes.exists(ids) == std::vector<Id>{11});
    CHECK_FALSE(homes.read_one(99).has_value());
    CHECK(homes.read_one(11).value().name == "A");
    homes.unlink(ids);
    homes.unlink(std::vector<Id>{});  // nothing to do: no request

    const auto calls = server.calls();
    REQUIRE(calls.size() == 9);
    CHECK(calls[0].method == "create");
    CHECK(calls[0].args == json::array({json::array({to_values(home)})}));
    CHECK(calls[0].args[0][0].at("owner_id") == 7);
    CHECK_FALSE(calls[0].args[0][0].contains("id"));
    CHECK(calls[1].args[0].size() == 2);
    CHECK(calls[2].method == "write");
    CHECK(calls[2].args == json::parse(R"([[11, 99], {"price": 4.0, "kind": "flat"}])"));
    CHECK(calls[3].args == json::parse(R"([[11, 99], {"name": "B"}])"));
    CHECK(calls[4].method == "read");
    CHECK(calls[4].args == json::parse("[[11, 99]]"));
    CHECK(calls[4].kwargs.at("fields").size() == 7);
    CHECK(calls[5].method == "search");
    CHECK(calls[5].args == json::parse(R"([[["id", "in", [11, 99]]]])"));
    CHECK(calls[5].kwargs.at("context").at("active_test") == false);
    CHECK(calls[5].kwargs.at("context").at("lang") == "en_US");
    CHECK(calls.back().method == "unlink");
    CHECK(calls.back().args == json::parse("[[11, 99]]"));
}

TEST_CASE("search_count, read_group, name_search, fields_get and call") {
    FakeServer server;
    server.answer = [](const SeenCall& call) -> json {
        if (call.method == "search_count") return 42;
        if (call.method == "read_group")
            return json::array({{{"kind", "flat"}, {"kind_count", 2}, {"price", 9.0}}});
        if (call.method == "name_search") return json::parse(R"([[3, "Villa"], [8, "Villa 2"]])");
        if (call.method == "fields_get") return {{"name", {{"type", "char"}}}};
        return false;
    };
    const auto homes = server.connect().model("x.home");
    CHECK(homes.search_count(field("kind") == "flat") == 42);
    CHECK(homes.read_group({}, {"price:sum"}, {"kind"}, {.limit = 5, .order = "kind"},
                           false)[0]["kind_count"] == 2);
    const auto names = homes.name_search("vil", field("price") > 1, "ilike", 10);
    REQUIRE(names.size() == 2);
    CHECK(names[1] == std::pair<Id, std::string>{8, "Villa 2"});
    CHECK(homes.fields_get({"type"}).at("name").at("type") == "char");
    CHECK(homes.call("action_post", json::array({json::array({3})}), json::object(),
                     {.context = {{"tz", "Asia/Almaty"}}}) == false);

    const auto calls = server.calls();
    REQUIRE(calls.size() == 5);
    CHECK(calls[0].args == json::parse(R"([[["kind", "=", "flat"]]])"));
    CHECK(calls[1].args == json::parse(R"([[], ["price:sum"], ["kind"]])"));
    CHECK(calls[1].kwargs.at("orderby") == "kind");
    CHECK(calls[1].kwargs.at("limit") == 5);
    CHECK(calls[1].kwargs.at("lazy") == false);
    CHECK(calls[2].kwargs.at("name") == "vil");
    CHECK(calls[2].kwargs.at("domain") == json::parse(R"([["price", ">", 1]])"));
    CHECK(calls[2].kwargs.at("operator") == "ilike");
    CHECK(calls[2].kwargs.at("limit") == 10);
    CHECK(calls[3].kwargs.at("attributes") == json::array({"type"}));
    CHECK(calls[4].method == "action_post");
    CHECK(calls[4].args == json::parse("[[3]]"));
    CHECK(calls[4].kwargs.at("context").at("tz") == "Asia/Almaty");
}

TEST_CASE("answers of the wrong shape name the model and method") {
    FakeServer server;
    server.answer = [](const SeenCall&) { return json("surprise"); };
    const auto homes = server.connect().model<Home>();
    const auto message = message_of([&] { (void)homes.search(); });
    CHECK(message.find("x.home.search") != std::string::npos);
    CHECK(message.find("string") != std::string::npos);
    // Typed reads decode the answer bytes: a result that is no list is a DecodeError.
    const auto typed = message_of([&] { (void)homes.search_read(); });
    CHECK(typed.find("x.home") != std::string::npos);
    CHECK(typed.find("list of records") != std::string::npos);
    CHECK_THROWS_AS(homes.search_read(), DecodeError);
    CHECK_THROWS_AS(homes.name_search("x"), UnexpectedResponseError);
}

TEST_CASE("stream pages with an id cursor and stops after a short page") {
    const auto walk = [](std::vector<Id> ids, int batch, std::size_t expected_pages) {
        FakeServer server;
        server.answer = [&ids](const SeenCall& call) { return page_of(ids, call); };
        const auto homes = server.connect().model<Home>();
        std::vector<Id> seen;
        auto stream = homes.stream(field("kind") == "flat", batch);
        for (const Home& home : stream) {
            CHECK(home.kind == model_test::Kind::flat);
            seen.push_back(home.id);
        }
        CHECK(seen == ids);
        CHECK(stream.pages_fetched() == expected_pages);
        const auto calls = server.calls();
        REQUIRE(calls.size() == expected_pages);
        // First page: the domain as given; then the domain AND id > the last id seen.
        CHECK(calls[0].args == json::parse(R"([[["kind", "=", "flat"]]])"));
        for (std::size_t page = 1; page < calls.size(); ++page) {
            const Id last = ids[page * static_cast<std::size_t>(batch) - 1];
            CHECK(calls[page].args[0] == json::array({"&", json::array({"kind", "=", "flat"}),
                                                      json::array({"id", ">", last})}));
        }
        for (const auto& call : calls) CHECK(call.kwargs.at("limit") == batch);
    };
    SECTION("last page short") { walk({2, 3, 5, 8, 13}, 2, 3); }
    SECTION("exact multiple: one more, empty page") { walk({1, 2, 3, 4}, 2, 3); }
    SECTION("one page") { walk({7}, 500, 1); }
    SECTION("no records") { walk({}, 3, 1); }
}

TEST_CASE("the untyped stream adds id to the fields and yields json records") {
    FakeServer server;
    const std::vector<Id> ids{1, 2, 3};
    server.answer = [&ids](const SeenCall& call) { return page_of(ids, call); };
    std::vector<Id> seen;
    for (const json& record : server.connect().model("x.home").stream({}, 2, {"name"}))
        seen.push_back(record.at("id").get<Id>());
    CHECK(seen == ids);
    CHECK(server.calls().at(0).kwargs.at("fields") == json::array({"name", "id"}));
}

TEST_CASE("verify_schema passes for a matching struct and lists every problem otherwise") {
    FakeServer server;
    json fields = json::parse(R"({
        "id": {"type": "integer"}, "name": {"type": "char"}, "price": {"type": "monetary"},
        "kind": {"type": "selection"}, "owner_id": {"type": "many2one"},
        "tag_ids": {"type": "many2many"}, "built": {"type": "date"}})");
    server.answer = [&fields](const SeenCall& call) {
        CHECK(call.method == "fields_get");
        CHECK(call.kwargs.at("attributes") == json::array({"type"}));
        return fields;
    };
    const Client client = server.connect();
    CHECK_NOTHROW(client.model<Home>().verify_schema());

    fields.erase("built");
    fields["price"]["type"] = "char";
    fields["owner_id"]["type"] = "one2many";
    try {
        verify_schema<Home>(client);
        FAIL("verify_schema accepted a wrong schema");
    } catch (const SchemaMismatchError& error) {
        CHECK(error.model() == "x.home");
        REQUIRE(error.problems().size() == 3);
        const std::string message = error.what();
        CHECK(message.find("3 problems") != std::string::npos);
        CHECK(message.find("field 'built' is missing") != std::string::npos);
        CHECK(message.find("field 'price' is a char field on the server, but the member is "
                           "double, which holds float or monetary fields") != std::string::npos);
        CHECK(message.find("field 'owner_id' is a one2many field") != std::string::npos);
        CHECK(message.find("odoo::Many2one") != std::string::npos);
    }
    // A ConfigurationError, for callers catching the broad class.
    CHECK_THROWS_AS(verify_schema<Home>(client), ConfigurationError);
}

TEST_CASE("field type table") {
    STATIC_REQUIRE(FieldTypes<std::optional<std::string>>::types.size() == 4);
    STATIC_REQUIRE(FieldTypes<Datetime>::types[0] == "datetime");
    STATIC_REQUIRE(FieldTypes<std::optional<Binary>>::types[1] == "image");
    STATIC_REQUIRE(FieldTypes<std::int64_t>::types[0] == "integer");
    STATIC_REQUIRE(FieldTypes<Json>::types[1] == "properties");
    STATIC_REQUIRE(FieldTypes<std::vector<int>>::types.empty());
}

TEST_CASE("streams are input ranges") {
    STATIC_REQUIRE(std::ranges::input_range<Stream<Home>>);
    STATIC_REQUIRE(std::ranges::input_range<Stream<json>>);
    STATIC_REQUIRE(std::input_iterator<Stream<Home>::iterator>);
}
