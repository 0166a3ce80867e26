// Typed decode throughput: a `search_read` answer of N res.partner-like records decoded into
// `bench::BenchPartner` structs, beside nlohmann's DOM parse of the same bytes. Prints one JSON
// line per row on stdout (for bench/run_decode_bench.py) and a readable line on stderr.
//
//   decode_bench [--records N] [--repeat R] [--write-payload FILE]
//
// --write-payload saves the JSON answer so the runner can time Python's json.loads on the
// very same bytes.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <odoobridge/odoo/fields.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "decode_support.hpp"
#include "partner_payload.hpp"

int main(int argc, char** argv) try {
    const bench::DecodeOptions options = bench::parse_decode_options(argc, argv, 5);
    const std::string answer = bench::partner_jsonrpc_answer(1, options.records);
    if (!options.payload_file.empty())
        std::ofstream(options.payload_file, std::ios::binary) << answer;

    std::vector<bench::BenchPartner> partners;
    const double typed = bench::best_seconds(options.repeat, [&] {
        auto decoded = odoobridge::odoo::decode_jsonrpc_result_records<bench::BenchPartner>(answer);
        partners = std::move(decoded.records);
    });
    bench::check_partners(partners, options.records);
    bench::report_throughput("odoobridge typed (JSON, no DOM)", answer.size(), options.records,
                             typed);

    const double dom = bench::best_seconds(options.repeat, [&] {
        const auto value = odoobridge::json::parse(answer);
        if (value.at("result").size() != static_cast<std::size_t>(options.records))
            throw std::runtime_error("nlohmann parse lost records");
    });
    bench::report_throughput("nlohmann::json::parse (DOM only)", answer.size(), options.records,
                             dom);

    const double dynamic = bench::best_seconds(options.repeat, [&] {
        const auto value = odoobridge::json::parse(answer);
        partners = odoobridge::odoo::records_from_json<bench::BenchPartner>(value.at("result"));
    });
    bench::check_partners(partners, options.records);
    bench::report_throughput("odoobridge typed via json DOM", answer.size(), options.records,
                             dynamic);
    return 0;
} catch (const std::exception& error) {
    std::fprintf(stderr, "decode_bench: %s\n", error.what());
    return 1;
}
