#include <odoobridge/core/logging.hpp>

#include <catch2/catch.hpp>
#include <spdlog/spdlog.h>

using odoobridge::core::is_secret_header;
using odoobridge::core::redact_url;

TEST_CASE("redact_url keeps scheme, host, port and path only") {
    CHECK(redact_url("https://erp.example.kz/jsonrpc") == "https://erp.example.kz/jsonrpc");
    CHECK(redact_url("https://user:pw@erp.example.kz:8443/x/y?token=abc#frag") ==
          "https://erp.example.kz:8443/x/y");
    CHECK(redact_url("http://host?key=1") == "http://host");
    CHECK(redact_url("host.example/path?q") == "host.example/path");
    CHECK(redact_url("") == "");
}

TEST_CASE("secret headers are recognised case-insensitively") {
    CHECK(is_secret_header("Authorization"));
    CHECK(is_secret_header("cookie"));
    CHECK(is_secret_header("SET-COOKIE"));
    CHECK(is_secret_header("X-Openerp-Session-Id"));
    CHECK_FALSE(is_secret_header("Content-Type"));
    CHECK_FALSE(is_secret_header("Authorizationx"));
}

TEST_CASE("the silent logger logs nothing and is not registered globally") {
    auto logger = odoobridge::core::silent_logger();
    REQUIRE(logger);
    CHECK(logger->level() == spdlog::level::off);
    CHECK(spdlog::get(logger->name()) == nullptr);
    CHECK(odoobridge::core::logger_or_silent(nullptr) == logger);
}
