// core::release_json: frees a value children first and leaves null, whatever its shape and
// nesting depth.

#include <catch2/catch.hpp>
#include <odoobridge/core/json.hpp>
#include <string>

using namespace odoobridge;

namespace {

/// `depth` arrays nested in one another, a string at the bottom.
json nested_arrays(int depth) {
    json root = json::array();
    json* level = &root;
    for (int i = 1; i < depth; ++i) level = &level->emplace_back(json::array());
    level->push_back("bottom");
    return root;
}

}  // namespace

TEST_CASE("release_json leaves null and frees every kind of value") {
    json value = {{"name", "a partner name longer than the short string buffer"},
                  {"ids", {1, 2, 3}},
                  {"country_id", {233, "United States"}},
                  {"nested", {{"empty_list", json::array()}, {"empty_dict", json::object()}}},
                  {"flags", {true, false, nullptr, 1.5, -7}}};
    const json copy = value;
    core::release_json(value);
    CHECK(value.is_null());
    CHECK(copy["country_id"][1] == "United States");  // copies are independent
    CHECK(copy.size() == 5);

    // The released value is an ordinary null again.
    value["again"] = json::array({"x"});
    CHECK(value.dump() == R"({"again":["x"]})");
    core::release_json(value);
    CHECK(value.is_null());

    for (json scalar : {json(nullptr), json(3), json("text"), json(2.5), json(false)}) {
        core::release_json(scalar);
        CHECK(scalar.is_null());
    }
}

TEST_CASE("release_json handles nesting far deeper than it walks itself") {
    for (const int depth : {1, 63, 64, 65, 100'000}) {
        json value = nested_arrays(depth);
        core::release_json(value);
        CHECK(value.is_null());
    }
    json objects = json::object();
    json* level = &objects;
    for (int i = 0; i < 100'000; ++i) level = &(*level)["k"];
    *level = "bottom";
    core::release_json(objects);
    CHECK(objects.is_null());
}
