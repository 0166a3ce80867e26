#include <catch2/catch.hpp>
#include <typeindex>
#include <typeinfo>

#include "b24_support.hpp"

namespace b24 = odoobridge::bitrix24;
using odoobridge::test::kWebhookCode;

namespace {

std::type_index class_of(const std::string& code, int status) {
    try {
        b24::throw_server_error({code, "description", "user.get", "", "https://p/rest/x", status});
    } catch (const std::exception& error) {
        return typeid(error);
    }
    return typeid(void);
}

}  // namespace

TEST_CASE("every documented Bitrix24 error code maps to its class") {
    struct Row {
        const char* code;
        int status;
        std::type_index type;
    };
    const Row table[] = {
        {"QUERY_LIMIT_EXCEEDED", 503, typeid(b24::QueryLimitExceededError)},
        {"OVERLOAD_LIMIT", 503, typeid(b24::OverloadLimitError)},
        {"OPERATION_TIME_LIMIT", 429, typeid(b24::OperationTimeLimitError)},
        {"NO_AUTH_FOUND", 401, typeid(b24::AuthenticationError)},
        {"expired_token", 401, typeid(b24::TokenExpiredError)},
        {"insufficient_scope", 403, typeid(b24::InsufficientScopeError)},
        {"INVALID_CREDENTIALS", 403, typeid(b24::AccessDeniedError)},
        {"ACCESS_DENIED", 403, typeid(b24::AccessDeniedError)},
        {"user_access_error", 403, typeid(b24::AccessDeniedError)},
        {"ERROR_METHOD_NOT_FOUND", 404, typeid(b24::MethodNotFoundError)},
        {"INVALID_REQUEST", 400, typeid(b24::InvalidRequestError)},
        {"ERROR_BATCH_LENGTH_EXCEEDED", 400, typeid(b24::BatchLengthExceededError)},
        {"ERROR_CORE", 400, typeid(b24::InvalidRequestError)},
        {"ERROR_BATCH_METHOD_NOT_ALLOWED", 405, typeid(b24::BatchMethodNotAllowedError)},
        {"INTERNAL_SERVER_ERROR", 500, typeid(b24::InternalServerError)},
        {"PORTAL_DELETED", 500, typeid(b24::PortalDeletedError)},
        // Method-specific codes fall back on the HTTP status, then on ServerError.
        {"ERROR_TASK_NOT_FOUND", 400, typeid(b24::InvalidRequestError)},
        {"SOMETHING_NEW", 401, typeid(b24::AuthenticationError)},
        {"SOMETHING_NEW", 403, typeid(b24::AccessDeniedError)},
        {"SOMETHING_NEW", 502, typeid(b24::InternalServerError)},
        {"SOMETHING_NEW", 0, typeid(b24::ServerError)},
    };
    for (const auto& row : table) {
        INFO(row.code << " / HTTP " << row.status);
        CHECK(class_of(row.code, row.status) == row.type);
    }
}

TEST_CASE("Bitrix24 errors derive from the core hierarchy and say how to fix them") {
    try {
        b24::throw_server_error({"insufficient_scope", "The request requires higher privileges",
                                 "crm.item.add", "",
                                 "https://p.kz/rest/1/<redacted>/crm.item.add.json", 403});
        FAIL("no exception");
    } catch (const odoobridge::ServerError& error) {
        const std::string text = error.what();
        CHECK(text.find("insufficient_scope calling crm.item.add") != std::string::npos);
        CHECK(text.find("(HTTP 403)") != std::string::npos);
        CHECK(text.find("higher privileges") != std::string::npos);
        CHECK(text.find("add the method's scope") != std::string::npos);
        CHECK(error.endpoint() == "https://p.kz/rest/1/<redacted>/crm.item.add.json");
        const auto* typed = dynamic_cast<const b24::AccessDeniedError*>(&error);
        REQUIRE(typed != nullptr);
        CHECK(typed->code() == "insufficient_scope");
        CHECK(typed->http_status() == 403);
    }
}

TEST_CASE("a batch command's error names the command") {
    try {
        b24::throw_server_error({"ERROR_CORE", "Task title is not specified", "tasks.task.add",
                                 "t7", "https://p/rest/batch.json", 0});
        FAIL("no exception");
    } catch (const b24::InvalidRequestError& error) {
        CHECK(std::string(error.what()).find("(batch command 't7')") != std::string::npos);
        CHECK(error.details().command == "t7");
    }
}

TEST_CASE("redact_url masks the code of an incoming webhook") {
    using odoobridge::core::redact_url;
    const std::string code = kWebhookCode;
    CHECK(redact_url("https://p.bitrix24.kz/rest/7/" + code + "/user.get.json?x=1") ==
          "https://p.bitrix24.kz/rest/7/<redacted>/user.get.json");
    CHECK(redact_url("https://p.bitrix24.kz/rest/7/" + code) ==
          "https://p.bitrix24.kz/rest/7/<redacted>");
    CHECK(redact_url("https://p.bitrix24.kz/rest/7/" + code + "/") ==
          "https://p.bitrix24.kz/rest/7/<redacted>/");
    // OAuth paths and other services are left alone.
    CHECK(redact_url("https://p.bitrix24.kz/rest/user.get.json?auth=t") ==
          "https://p.bitrix24.kz/rest/user.get.json");
    CHECK(redact_url("https://erp.example.kz/jsonrpc") == "https://erp.example.kz/jsonrpc");
    CHECK(redact_url("https://erp.example.kz/rest/api/v1") == "https://erp.example.kz/rest/api/v1");
}

TEST_CASE("bad webhook URLs are refused without showing the code") {
    auto options =
        odoobridge::test::fast_options(std::make_shared<odoobridge::testing::FakeTransport>());
    const std::string code = kWebhookCode;
    for (const std::string url :
         {std::string(""), "ftp://p.kz/rest/1/" + code + "/", "https://p.kz/api/1/" + code + "/",
          "https://p.kz/rest/admin/" + code + "/", std::string("https://p.kz/rest/1/")}) {
        INFO(url);
        options.credentials = b24::Webhook{url};
        try {
            b24::Client client(options);
            FAIL("accepted");
        } catch (const odoobridge::ConfigurationError& error) {
            const std::string text = error.what();
            CHECK(text.find(code) == std::string::npos);
            CHECK(text.find("https://{portal}/rest/{user_id}/{code}/") != std::string::npos);
        }
    }
}

TEST_CASE("options are validated with messages naming the field") {
    auto options =
        odoobridge::test::fast_options(std::make_shared<odoobridge::testing::FakeTransport>());
    options.rate_limit = {0, 2.0};
    CHECK_THROWS_WITH(b24::Client(options), Catch::Contains("RateLimit.burst"));
    options.rate_limit = {50, 0.0};
    CHECK_THROWS_WITH(b24::Client(options), Catch::Contains("RateLimit.per_second"));
    options.rate_limit = {};
    options.operating_budget = std::chrono::milliseconds{0};
    CHECK_THROWS_WITH(b24::Client(options), Catch::Contains("operating_budget"));
    options.operating_budget = std::chrono::milliseconds{480'000};
    b24::OAuthApp app;
    app.portal_url = "https://p.kz";
    app.client_id = "id";
    app.client_secret = "secret";
    app.access_token = "token";
    options.credentials = app;
    CHECK_THROWS_WITH(b24::Client(options), Catch::Contains("OAuthApp.refresh_token is empty"));
}
