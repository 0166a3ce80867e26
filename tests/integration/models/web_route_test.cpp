// Client::web_get and odoo::report_pdf against scripted answers (testing::FakeTransport),
// for what the fake server does not produce: a login page that stays, an unfollowed
// redirect, werkzeug's 403 and 500 pages, a proxy's page, a "PDF" that is not one.
#include <catch2/catch.hpp>
#include <deque>
#include <memory>
#include <mutex>
#include <odoobridge/odoo.hpp>
#include <odoobridge/odoo/report.hpp>
#include <odoobridge/testing/fake_transport.hpp>
#include <string>
#include <vector>

#include "capture.hpp"

namespace {

namespace ob = odoobridge;
namespace odoo = odoobridge::odoo;
using ob::core::Response;

constexpr const char* kHtml = "text/html; charset=utf-8";
const std::vector<odoo::Id> kInvoice{7};

Response page(int status, std::string body, std::string type = kHtml) {
    return Response{status, {{"Content-Type", std::move(type)}}, std::move(body)};
}

Response werkzeug_page(int status, const std::string& title, const std::string& message) {
    return page(status, "<!doctype html>\n<html lang=en>\n<title>" + std::to_string(status) + " " +
                            title + "</title>\n<h1>" + title + "</h1>\n<p>" + message + "</p>\n");
}

const Response kLoginPage = page(
    200, "<html><body><form class=\"oe_login_form\" action=\"/web/login\"></form></body></html>");
const Response kPdf = page(200, "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "application/pdf");

/// A server that logs in (session ids sid-1, sid-2 ...) and answers GETs from a script.
class ScriptedOdoo {
public:
    explicit ScriptedOdoo(std::vector<Response> gets) : gets_(gets.begin(), gets.end()) {
        transport_->on([this](const ob::core::Request& request) -> std::optional<Response> {
            std::lock_guard lock(mutex_);
            if (request.url.ends_with("/web/session/authenticate")) return login();
            if (request.method != "GET" || gets_.empty()) return std::nullopt;
            for (const auto& [name, value] : request.headers)
                if (name == "Cookie") cookies_.push_back(value);
            Response answer = gets_.front();
            gets_.pop_front();
            return answer;
        });
    }

    [[nodiscard]] odoo::Client connect() const {
        odoo::ClientOptions options;
        options.url = "http://odoo.test:8069";
        options.database = "testdb";
        options.credentials = odoo::Password{"admin", "admin-secret"};
        options.protocol = odoo::ProtocolKind::session;
        options.transport = transport_;
        return odoo::Client::connect(std::move(options));
    }

    [[nodiscard]] int logins() const {
        std::lock_guard lock(mutex_);
        return logins_;
    }
    [[nodiscard]] std::vector<std::string> cookies() const {
        std::lock_guard lock(mutex_);
        return cookies_;
    }
    [[nodiscard]] const ob::testing::FakeTransport& transport() const { return *transport_; }

private:
    Response login() {
        Response answer = ob::test::load_capture("odoo16/session/authenticate.json").response();
        std::erase_if(answer.headers, [](const auto& h) { return h.first == "Set-Cookie"; });
        answer.headers.emplace_back(
            "Set-Cookie", "session_id=sid-" + std::to_string(++logins_) + "; HttpOnly; Path=/");
        return answer;
    }

    std::shared_ptr<ob::testing::FakeTransport> transport_ =
        std::make_shared<ob::testing::FakeTransport>();
    mutable std::mutex mutex_;
    std::deque<Response> gets_;
    std::vector<std::string> cookies_;
    int logins_ = 0;
};

}  // namespace

TEST_CASE("web_get sends the session cookie as a secret and returns a PDF", "[models][web]") {
    ScriptedOdoo server({kPdf});
    const auto client = server.connect();
    const auto pdf = odoo::report_pdf(client, "account.report_invoice", kInvoice);
    CHECK(std::string(pdf.begin(), pdf.end()) == kPdf.body);
    CHECK(server.cookies() == std::vector<std::string>{"session_id=sid-1"});
    const auto requests = server.transport().requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[1].url == "http://odoo.test:8069/report/pdf/account.report_invoice/7");
    CHECK(requests[1].secret_headers == std::vector<std::string>{"Cookie"});
    CHECK(server.logins() == 1);
}

TEST_CASE("web_get renews the session once on the login page or its redirect", "[models][web]") {
    SECTION("the login page after a followed redirect") {
        ScriptedOdoo server({kLoginPage, kPdf});
        const auto client = server.connect();
        CHECK_FALSE(odoo::report_pdf(client, "account.report_invoice", kInvoice).empty());
        CHECK(server.logins() == 2);
        CHECK(server.cookies() == std::vector<std::string>{"session_id=sid-1", "session_id=sid-2"});
    }
    SECTION("an unfollowed redirect to /web/login") {
        Response redirect = page(303, "Redirecting...");
        redirect.headers.emplace_back("Location", "/web/login?redirect=%2Freport%2Fpdf");
        ScriptedOdoo server({redirect, kPdf});
        const auto client = server.connect();
        CHECK_FALSE(odoo::report_pdf(client, "account.report_invoice", kInvoice).empty());
        CHECK(server.logins() == 2);
    }
    SECTION("a login page that stays: one renewal, then a clear error") {
        ScriptedOdoo server({kLoginPage, kLoginPage});
        const auto client = server.connect();
        try {
            (void)odoo::report_pdf(client, "account.report_invoice", kInvoice);
            FAIL("the login page was taken for a PDF");
        } catch (const ob::UnexpectedResponseError& e) {
            const std::string message = e.what();
            CHECK(message.find("login page") != std::string::npos);
            CHECK(message.find("API keys") != std::string::npos);
            CHECK(message.find("sid-") == std::string::npos);
            CHECK(message.find("admin-secret") == std::string::npos);
            CHECK(e.endpoint() == "http://odoo.test:8069/report/pdf/account.report_invoice/7");
        }
        CHECK(server.logins() == 2);
    }
}

TEST_CASE("web_get maps Odoo's error pages to the error classes", "[models][web]") {
    SECTION("403: AccessError with the server's message") {
        ScriptedOdoo server({werkzeug_page(
            403, "Forbidden", "You are not allowed to access &#x27;Journal Entry&#x27; records.")});
        try {
            (void)odoo::report_pdf(server.connect(), "account.report_invoice", kInvoice);
            FAIL("no AccessError");
        } catch (const odoo::AccessError& e) {
            CHECK(e.server_message() == "You are not allowed to access 'Journal Entry' records.");
            CHECK(e.details().http_status == 403);
        }
    }
    SECTION("400: UserError, MissingError for a record that is gone") {
        ScriptedOdoo server({werkzeug_page(400, "Bad Request", "Only invoices could be printed."),
                             werkzeug_page(400, "Bad Request",
                                           "Record does not exist or has been deleted.<br>"
                                           "(Record: account.move(7,), User: 2)")});
        const auto client = server.connect();
        CHECK_THROWS_AS(odoo::report_pdf(client, "account.report_invoice", kInvoice),
                        odoo::UserError);
        try {
            (void)odoo::report_pdf(client, "account.report_invoice", kInvoice);
            FAIL("no MissingError");
        } catch (const odoo::MissingError& e) {
            CHECK(e.server_message() ==
                  "Record does not exist or has been deleted.\n"
                  "(Record: account.move(7,), User: 2)");
        }
    }
    SECTION("500: a ServerError that says where the cause is") {
        ScriptedOdoo server({werkzeug_page(500, "Internal Server Error", "The server failed.")});
        try {
            (void)odoo::report_pdf(server.connect(), "account.report_invoice", kInvoice);
            FAIL("no ServerError");
        } catch (const odoo::ServerError& e) {
            CHECK_FALSE(dynamic_cast<const odoo::UserError*>(&e));
            CHECK(e.server_message().find("server log") != std::string::npos);
        }
    }
    SECTION("answers that are not Odoo's: UnexpectedResponseError") {
        ScriptedOdoo server(
            {page(403, "<html><center><h1>403 Forbidden</h1></center><hr><center>nginx</center>"),
             page(404, "not here"), page(502, "Bad Gateway", "text/plain"),
             page(200, "{\"result\": 1}", "application/json"),
             page(200, "<html>not a pdf</html>", "application/pdf")});
        const auto client = server.connect();
        for (int i = 0; i < 5; ++i) {
            INFO("answer " << i);
            CHECK_THROWS_AS(odoo::report_pdf(client, "account.report_invoice", kInvoice),
                            ob::UnexpectedResponseError);
        }
    }
}

TEST_CASE("web_get checks its arguments before any request", "[models][web]") {
    ScriptedOdoo server({});
    const auto client = server.connect();
    CHECK_THROWS_AS(client.web_get("report/pdf/x/1"), ob::ConfigurationError);
    const std::vector<odoo::Id> bad{0};
    CHECK_THROWS_AS(odoo::report_pdf(client, "account.report_invoice", bad),
                    ob::ConfigurationError);
    CHECK_THROWS_AS(odoo::report_pdf(client, "account/report", kInvoice), ob::ConfigurationError);
    CHECK(server.transport().requests().size() == 1);  // the login only
}
