// Fuzz target: Bitrix24 REST answers (the {result, total, next, time} and {error,
// error_description} envelopes, batch results, typed records in the Bitrix24 dialect, the
// pagers' paging fields, the OAuth token refresh), through bitrix24::Client and the typed
// functions built on it.
//
// Selector byte: bits 0-2 the call answered with the body: 0 call("user.get"), 1 a batch of
// three commands, 2 find_user_by_email, 3 add_task, 4 get_calendar_events, 5 list_users
// (batched paging), 6 list_tasks (fast paging), 7 an OAuth token refresh (the first call is
// refused with expired_token, the token endpoint gets the body); bits 3-5 the HTTP status
// (200, 400, 401, 403, 404, 429, 500, 503); bit 6 the content type (application/json,
// text/html). Every request gets the same answer, at most four requests per input.

#include <array>
#include <memory>
#include <odoobridge/bitrix24.hpp>
#include <string>

#include "fuzz_support.hpp"

namespace {

namespace fz = odoobridge::fuzz;
namespace b24 = odoobridge::bitrix24;
namespace core = odoobridge::core;
using odoobridge::json;

constexpr std::string_view expired_token =
    R"({"error": "expired_token", "error_description": "The access token provided has expired."})";
constexpr std::string_view user_answer = R"({"result": [], "total": 0, "time": {"start": 1}})";

b24::Credentials credentials(bool oauth) {
    const std::string secret(fz::secret);
    if (!oauth) return b24::Webhook{"https://portal.bitrix24.kz/rest/1/" + secret + "/"};
    b24::OAuthApp app;
    app.portal_url = "https://portal.bitrix24.kz";
    app.client_id = "local.fuzz";
    app.client_secret = secret;
    app.access_token = secret + "-access";
    app.refresh_token = secret + "-refresh";
    return app;
}

void drive(int operation, const b24::Client& client) {
    switch (operation) {
        case 0:
            (void)client.call_answer("user.get", {{"FILTER", {{"ACTIVE", true}}}});
            break;
        case 1: {
            const std::vector<b24::BatchCommand> commands{
                {"users", "user.get", {{"ID", 1}}},
                {"task",
                 "tasks.task.add",
                 {{"fields", {{"TITLE", "Fuzz"}, {"RESPONSIBLE_ID", 1}}}}},
                {"again", "user.get", {{"ID", "$result[users][0][ID]"}}}};
            const b24::BatchResult result = client.batch(commands, {.halt = true});
            for (const auto& entry : result.entries())
                if (!entry.outcome.ok()) (void)result.failed_keys();
            break;
        }
        case 2:
            (void)b24::find_user_by_email(client, "agent@example.kz");
            break;
        case 3:
            (void)b24::add_task(client, {.TITLE = "Fuzz", .RESPONSIBLE_ID = 1});
            break;
        case 4:
            (void)b24::get_calendar_events(client, {.ownerId = 1, .sections = {1, 2}});
            break;
        case 5:
            for (const auto& user : b24::list_users(client)) (void)user;
            break;
        case 6:
            for (const auto& task : b24::list_tasks(client, {}, b24::PageMode::fast)) (void)task;
            break;
        default:
            (void)client.call("user.get");
            break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::array<int, 8> statuses{200, 400, 401, 403, 404, 429, 500, 503};
    const fz::Input input(data, size);
    const int operation = input.selector & 7;
    const core::Response answer = fz::response(
        statuses[(input.selector >> 3) & 7],
        (input.selector & 0x40) ? "text/html; charset=UTF-8" : "application/json", input.body);
    const bool oauth = operation == 7;

    auto transport = std::make_shared<fz::ScriptedTransport>(
        [&](const core::Request&, int index) {
            if (!oauth) return answer;
            if (index == 0) return fz::response(401, "application/json", expired_token);
            return index == 1 ? answer : fz::response(200, "application/json", user_answer);
        },
        4);
    fz::run_decoder([&] {
        b24::ClientOptions options;
        options.credentials = credentials(oauth);
        options.rate_limit = {1'000'000, 1e9};
        options.retry.max_attempts = 1;  // no back-off sleeps
        // The pagers' second request waits for an operating-time reset the answer announces
        // (by design, up to 10 minutes); a budget no answer reaches keeps inputs fast.
        options.operating_budget = std::chrono::hours(24 * 365);
        options.transport = transport;
        drive(operation, b24::Client(std::move(options)));
    });
    return 0;
}
