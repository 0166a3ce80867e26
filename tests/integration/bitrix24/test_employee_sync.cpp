// Runs examples/bitrix24_employee_sync against the fake Bitrix24 portal and the fake Odoo
// server: the first run creates partners, a changed employee is updated, and a re-run
// changes nothing.

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fake_bitrix24_fixture.hpp"

using odoobridge::json;
using odoobridge::test::FakeBitrix24;

#ifdef ODOOBRIDGE_EXAMPLE_EMPLOYEE_SYNC

namespace {

struct Run {
    int status = -1;
    std::string output;
};

Run run_sync() {
    Run run;
    FILE* pipe = ::popen(ODOOBRIDGE_EXAMPLE_EMPLOYEE_SYNC " 2>&1", "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) run.output += buffer;
    const int status = ::pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

std::string summary(const Run& run) {
    const auto at = run.output.rfind("summary: ");
    return at == std::string::npos ? run.output : run.output.substr(at);
}

}  // namespace

TEST_CASE("the employee sync example creates, then updates, then changes nothing") {
    auto& bitrix = FakeBitrix24::instance();
    bitrix.reset();
    odoobridge::test::ServerProcess odoo("fake_odoo.py");
    ::setenv("BITRIX24_WEBHOOK_URL", bitrix.webhook_url().c_str(), 1);
    ::setenv("ODOO_URL", odoo.url().c_str(), 1);
    ::setenv("ODOO_DB", "testdb", 1);
    ::setenv("ODOO_USERNAME", "admin", 1);
    ::setenv("ODOO_PASSWORD", "admin", 1);
    ::unsetenv("ODOO_API_KEY");
    ::unsetenv("SYNC_DRY_RUN");

    const Run first = run_sync();
    INFO(first.output);
    CHECK(first.status == 0);
    CHECK(summary(first).find("23 employees") != std::string::npos);
    CHECK(summary(first).find("23 created, 0 updated, 0 unchanged") != std::string::npos);
    CHECK(first.output.find("bitrix24 user 12 <user12@realty.example.kz>: created partner") !=
          std::string::npos);
    CHECK(first.output.find(odoobridge::test::kFakeWebhookCode) == std::string::npos);

    const odoobridge::bitrix24::Client client(bitrix.webhook_options());
    CHECK(client.call("user.update", {{"ID", 12}, {"WORK_POSITION", "Branch director"}}) == true);
    const Run second = run_sync();
    INFO(second.output);
    CHECK(summary(second).find("0 created, 1 updated, 22 unchanged") != std::string::npos);
    CHECK(second.output.find("bitrix24 user 12 <user12@realty.example.kz>: updated partner") !=
          std::string::npos);

    const Run third = run_sync();
    INFO(third.output);
    CHECK(third.status == 0);
    CHECK(summary(third).find("0 created, 0 updated, 23 unchanged, 0 skipped, 0 failed") !=
          std::string::npos);
}

#else

TEST_CASE("the employee sync example creates, then updates, then changes nothing") {
    WARN("examples are not built (ODOOBRIDGE_BUILD_EXAMPLES=OFF): the sync example is not run");
}

#endif
