// rosdomofon_onboarding: a new abonent from phone number to working intercom — account,
// flat, service connection, welcome message — with one line of output per step.
//
// Settings come from the environment:
//   ROSDOMOFON_URL       https://rdba.rosdomofon.com (default)
//   ROSDOMOFON_USERNAME  API login
//   ROSDOMOFON_PASSWORD  API password
//   ONBOARD_PHONE        the abonent's phone as typed, default "+7 (999) 000-11-22"
//   ONBOARD_ACCOUNT      billing account number, default "ACC-DEMO-1"
//   ONBOARD_ENTRANCE     entrance id, default 26959
//   ONBOARD_FLAT         flat number, default "12"
//   ONBOARD_SERVICE      service type to connect, default "Intercom"
// It writes (creates an account, a flat and a connection): run it against a test company
// or the fake server (tests/servers/fake_rosdomofon.py).

#include <cstdlib>
#include <iostream>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/rosdomofon.hpp>
#include <string>

namespace ob = odoobridge;
namespace rd = odoobridge::rosdomofon;

namespace {

std::string env_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

void step(int number, const std::string& text) {
    std::cout << "[" << number << "/5] " << text << '\n';
}

}  // namespace

int main() try {
    rd::ClientOptions options;
    options.url = env_or("ROSDOMOFON_URL", "https://rdba.rosdomofon.com");
    options.username = env_or("ROSDOMOFON_USERNAME", "");
    options.password = env_or("ROSDOMOFON_PASSWORD", "");
    const rd::Client client(options);

    // Checked before any request: a typo in the phone never reaches the server.
    const rd::Phone phone(env_or("ONBOARD_PHONE", "+7 (999) 000-11-22"));
    const std::string number = env_or("ONBOARD_ACCOUNT", "ACC-DEMO-1");
    const std::int64_t entrance = std::stoll(env_or("ONBOARD_ENTRANCE", "26959"));
    const std::string service_type = env_or("ONBOARD_SERVICE", "Intercom");

    std::int64_t account_id = 0;
    std::int64_t abonent_id = 0;
    if (const auto existing = client.account_by_phone(phone)) {
        account_id = existing->id;
        abonent_id = existing->owner.id;
        step(1, "account " + std::to_string(account_id) + " already exists for " +
                    phone.formatted() + " (number " + existing->number.value_or("none") + ")");
    } else {
        const rd::CreatedAccount created = client.create_account(number, phone);
        account_id = created.id;
        abonent_id = created.owner.id;
        step(1, "created account " + std::to_string(account_id) + " (" + number + ") for " +
                    phone.formatted() + ", abonent " + std::to_string(abonent_id));
    }

    const rd::Flat flat = client.create_flat(
        {abonent_id, std::to_string(entrance), env_or("ONBOARD_FLAT", "12"), false});
    step(2, "created flat " + std::to_string(flat.id) + " in entrance " + std::to_string(entrance) +
                " (" +
                (flat.address.is_object() ? flat.address.value("city", "no city")
                                          : std::string("no address")) +
                ")");

    const auto services = client.entrance_services(entrance);
    const rd::Service* chosen = nullptr;
    for (const auto& service : services)
        if (service.type == service_type && chosen == nullptr) chosen = &service;
    if (chosen == nullptr) {
        std::cerr << "rosdomofon_onboarding: entrance " << entrance << " offers no service of type "
                  << service_type << " (it has " << services.size()
                  << "); set ONBOARD_SERVICE to one of its types\n";
        return 1;
    }
    const std::int64_t connection = client.connect_service(chosen->id, flat.id, account_id);
    step(3, "connected service " + std::to_string(chosen->id) + " \"" + chosen->name +
                "\" to the flat: connection " + std::to_string(connection));

    const auto connections = client.account_connections(account_id);
    step(4, "account " + std::to_string(account_id) + " now has " +
                std::to_string(connections.size()) + " connection(s)");
    for (const auto& c : connections)
        std::cout << "      #" << c.id << ' ' << (c.service ? c.service->name : "?")
                  << (c.blocked ? " (blocked)" : "") << '\n';

    client.send_message({rd::Recipient::abonent(abonent_id)},
                        "Добро пожаловать! Домофон подключён к вашей квартире.");
    step(5, "sent a welcome message to abonent " + std::to_string(abonent_id));
    return 0;
} catch (const rd::PhoneNumberError& e) {
    std::cerr << "rosdomofon_onboarding: ONBOARD_PHONE: " << e.what() << '\n';
    return 2;
} catch (const rd::AuthenticationError& e) {
    std::cerr << "rosdomofon_onboarding: login refused; check ROSDOMOFON_USERNAME and "
                 "ROSDOMOFON_PASSWORD: "
              << e.what() << '\n';
    return 3;
} catch (const ob::ConfigurationError& e) {
    std::cerr << "rosdomofon_onboarding: " << e.what()
              << "\n(set ROSDOMOFON_URL, ROSDOMOFON_USERNAME and ROSDOMOFON_PASSWORD)\n";
    return 2;
} catch (const ob::Error& e) {
    std::cerr << "rosdomofon_onboarding: " << e.what() << '\n';
    return 1;
} catch (const std::exception& e) {  // std::stoll on a bad ONBOARD_ENTRANCE
    std::cerr << "rosdomofon_onboarding: bad setting: " << e.what() << '\n';
    return 2;
}
