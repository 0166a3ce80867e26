// Fuzz target: RosDomofon REST answers (typed records, the Spring page envelope, Spring
// error bodies, the password-grant token answer), through rosdomofon::Client.
//
// Selector byte: bits 0-2 the call answered with the body: 0 accounts, 1 entrance_services,
// 2 account_connections, 3 create_account, 4 create_flat, 5 connect_service,
// 6 abonent_messages_page, 7 authenticate (the token endpoint gets the body); bits 3-5 the
// HTTP status (200, 201, 400, 401, 403, 404, 500, 503); bits 6-7 the content type
// (application/json, application/problem+json, text/html, none). Token requests of the
// other calls get a valid token; at most six requests per input.

#include <array>
#include <memory>
#include <odoobridge/rosdomofon/client.hpp>
#include <odoobridge/rosdomofon/errors.hpp>
#include <string>

#include "fuzz_support.hpp"

namespace {

namespace fz = odoobridge::fuzz;
namespace rd = odoobridge::rosdomofon;
namespace core = odoobridge::core;

const std::string token = std::string(odoobridge::fuzz::secret) + "-token";

void drive(int operation, const rd::Client& client) {
    switch (operation) {
        case 0:
            (void)client.accounts();
            break;
        case 1:
            (void)client.entrance_services(7);
            break;
        case 2:
            (void)client.account_connections(42);
            break;
        case 3:
            (void)client.create_account("ACC1", rd::Phone("79061234567"));
            break;
        case 4:
            (void)client.create_flat({.abonentId = 5, .entranceId = "7", .flatNumber = "12"});
            break;
        case 5:
            (void)client.connect_service(3, 4, 42);
            break;
        case 6:
            (void)client.abonent_messages_page(5, 0, {});
            break;
        default:
            client.authenticate();
            break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::array<int, 8> statuses{200, 201, 400, 401, 403, 404, 500, 503};
    constexpr std::array<std::string_view, 4> media_types{
        "application/json", "application/problem+json", "text/html;charset=UTF-8", ""};
    const fz::Input input(data, size);
    const int operation = input.selector & 7;
    const core::Response answer = fz::response(statuses[(input.selector >> 3) & 7],
                                               media_types[input.selector >> 6], input.body);
    const core::Response token_answer = fz::response(
        200, "application/json",
        R"({"access_token": ")" + token + R"(", "token_type": "bearer", "expires_in": 3600})");

    auto transport = std::make_shared<fz::ScriptedTransport>(
        [&](const core::Request& request, int) {
            const bool token_request = request.url.find("/oauth/token") != std::string::npos;
            return token_request && operation != 7 ? token_answer : answer;
        },
        6);
    fz::run_decoder([&] {
        rd::ClientOptions options;
        options.url = "https://rdba.rosdomofon.com";
        options.username = "fuzz-user";
        options.password = std::string(fz::secret);
        options.transport = transport;
        options.retry.max_attempts = 1;  // no back-off sleeps
        drive(operation, rd::Client(std::move(options)));
    });
    return 0;
}
