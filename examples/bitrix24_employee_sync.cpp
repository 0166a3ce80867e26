// bitrix24_employee_sync: copy the active employees of a Bitrix24 portal into Odoo as
// contacts (res.partner), matched by e-mail, with the Bitrix24 user id kept in the partner's
// reference field (`ref` = "bitrix24:<ID>").
//
// One log line per employee and a summary at the end. Running it again changes nothing:
// a partner that already has the employee's name, phone, job position and reference is
// left alone (no write at all).
//
// Settings come from the environment:
//   BITRIX24_WEBHOOK_URL  https://{portal}/rest/{user_id}/{code}/ (scope: user)
//   ODOO_URL, ODOO_DB, ODOO_USERNAME and ODOO_PASSWORD or ODOO_API_KEY
//   SYNC_DRY_RUN=1        only report what would change
// Exit code: 0 when every employee was synced or skipped, 1 when some failed, 2 when the
// sync could not run at all.

#include <cstdlib>
#include <iostream>
#include <odoobridge/bitrix24.hpp>
#include <odoobridge/models/res_partner.hpp>
#include <odoobridge/odoo.hpp>
#include <optional>
#include <string>

namespace ob = odoobridge;
namespace b24 = odoobridge::bitrix24;
using ob::models::ResPartner;

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

ob::odoo::ClientOptions odoo_options() {
    ob::odoo::ClientOptions options;
    options.url = env("ODOO_URL");
    options.database = env("ODOO_DB");
    const std::string login = env("ODOO_USERNAME");
    if (const std::string key = env("ODOO_API_KEY"); !key.empty())
        options.credentials = ob::odoo::ApiKey{login, key};
    else
        options.credentials = ob::odoo::Password{login, env("ODOO_PASSWORD")};
    return options;  // Client::connect says what is missing
}

/// What Odoo should hold for one employee.
struct Wanted {
    std::string name;
    std::optional<std::string> phone;
    std::optional<std::string> function;
    std::string ref;
};

std::optional<std::string> non_empty(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

Wanted wanted_for(const b24::User& user) {
    std::string name = user.NAME;
    if (!user.LAST_NAME.empty()) name += (name.empty() ? "" : " ") + user.LAST_NAME;
    if (name.empty()) name = user.EMAIL;
    const std::string& phone =
        !user.PERSONAL_MOBILE.empty() ? user.PERSONAL_MOBILE : user.WORK_PHONE;
    return {name, non_empty(phone), non_empty(user.WORK_POSITION),
            "bitrix24:" + std::to_string(user.ID)};
}

bool up_to_date(const ResPartner& partner, const Wanted& wanted) {
    return partner.name == wanted.name && partner.phone == wanted.phone &&
           partner.function == wanted.function && partner.ref == wanted.ref;
}

ob::odoo::Partial<ResPartner> values_of(const Wanted& wanted) {
    ob::odoo::Partial<ResPartner> values;
    values.set(&ResPartner::name, wanted.name)
        .set(&ResPartner::phone, wanted.phone)
        .set(&ResPartner::function, wanted.function)
        .set(&ResPartner::ref, wanted.ref);
    return values;
}

struct Tally {
    int seen = 0, created = 0, updated = 0, unchanged = 0, skipped = 0, failed = 0;
};

/// Syncs one employee and prints its log line.
void sync_one(const ob::models::Partners& partners, const b24::User& user, bool dry_run,
              Tally& tally) {
    ++tally.seen;
    const std::string who = "bitrix24 user " + std::to_string(user.ID);
    if (user.EMAIL.empty()) {
        ++tally.skipped;
        std::cout << who << ": skipped (no e-mail to match a partner by)\n";
        return;
    }
    try {
        const Wanted wanted = wanted_for(user);
        const auto existing = partners.find_by_email(user.EMAIL);
        if (existing.size() > 1) {
            ++tally.skipped;
            std::cout << who << " <" << user.EMAIL << ">: skipped, " << existing.size()
                      << " partners share this e-mail; merge them in Odoo\n";
            return;
        }
        if (existing.size() == 1 && up_to_date(existing.front(), wanted)) {
            ++tally.unchanged;
            std::cout << who << " <" << user.EMAIL << ">: unchanged (partner "
                      << existing.front().id << ")\n";
            return;
        }
        const bool create = existing.empty();
        if (dry_run) {
            (create ? tally.created : tally.updated) += 1;
            std::cout << who << " <" << user.EMAIL << ">: would " << (create ? "create" : "update")
                      << " a partner\n";
            return;
        }
        const auto result = partners.upsert_by_email(user.EMAIL, values_of(wanted));
        (result.created ? tally.created : tally.updated) += 1;
        std::cout << who << " <" << user.EMAIL << ">: " << (result.created ? "created" : "updated")
                  << " partner " << result.id << " (" << wanted.name << ")\n";
    } catch (const ob::Error& error) {  // this record only: report and go on
        ++tally.failed;
        std::cout << who << " <" << user.EMAIL << ">: FAILED: " << error.what() << '\n';
    }
}

}  // namespace

int main() try {
    const bool dry_run = env("SYNC_DRY_RUN") == "1";
    b24::ClientOptions bitrix_options;
    bitrix_options.credentials = b24::Webhook{env("BITRIX24_WEBHOOK_URL")};
    const b24::Client bitrix(bitrix_options);
    const ob::models::Partners partners{ob::odoo::Client::connect(odoo_options())};

    Tally tally;
    auto employees = b24::list_users(bitrix, {.filter = {{"ACTIVE", true}}});
    for (const b24::User& user : employees) sync_one(partners, user, dry_run, tally);

    std::cout << "summary: " << tally.seen << " employees from " << bitrix.endpoint() << " in "
              << employees.pager().requests() << " Bitrix24 requests; " << tally.created
              << " created, " << tally.updated << " updated, " << tally.unchanged << " unchanged, "
              << tally.skipped << " skipped, " << tally.failed << " failed"
              << (dry_run ? " (dry run: nothing written)" : "") << '\n';
    return tally.failed == 0 ? 0 : 1;
} catch (const ob::Error& error) {  // configuration, authentication, unreachable services
    std::cerr << "bitrix24_employee_sync: " << error.what() << '\n';
    return 2;
}
