// XML-RPC decode throughput: a `search_read` answer of N res.partner-like records (the 20
// fields of bench::BenchPartner), written the way Odoo's Python marshaller writes it, read by
// odoobridge's own XML-RPC reader into json and then into typed structs. Prints one JSON line
// per row on stdout (for bench/xmlrpc_decode.py) and a readable line on stderr.
//
//   xmlrpc_decode [--records N] [--repeat R] [--write-payload FILE]
//
// --write-payload saves the XML-RPC answer so that the runner can time Python's
// xmlrpc.client.loads on the very same bytes.

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <odoobridge/odoo/fields.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "partner_payload.hpp"
#include "xmlrpc_codec.hpp"  // src/odoo: the reader under test

namespace {

struct Options {
    long records = 100'000;
    int repeat = 3;
    std::string payload_file;
};

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc)
            throw std::invalid_argument("option " + std::string(arg) + " needs a value");
        const char* value = argv[++i];
        if (arg == "--records") {
            options.records = std::stol(value);
        } else if (arg == "--repeat") {
            options.repeat = std::stoi(value);
        } else if (arg == "--write-payload") {
            options.payload_file = value;
        } else {
            throw std::invalid_argument("unknown option " + std::string(arg) +
                                        " (use --records N, --repeat R, --write-payload FILE)");
        }
    }
    if (options.records < 1 || options.repeat < 1)
        throw std::invalid_argument("--records and --repeat must be at least 1");
    return options;
}

/// Appends `value` as Python's xmlrpc.client.Marshaller writes it (Odoo's server side):
/// one element per line for containers, `<string>` with &, < and > escaped, repr doubles.
void marshal(std::string& out, const odoobridge::json& value) {
    using odoobridge::json;
    switch (value.type()) {
        case json::value_t::boolean:
            out += value.get<bool>() ? "<value><boolean>1</boolean></value>\n"
                                     : "<value><boolean>0</boolean></value>\n";
            return;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            out += "<value><int>" + std::to_string(value.get<std::int64_t>()) + "</int></value>\n";
            return;
        case json::value_t::number_float: {
            char digits[32];
            const auto end = std::to_chars(digits, digits + sizeof digits, value.get<double>()).ptr;
            out += "<value><double>" + std::string(digits, end) + "</double></value>\n";
            return;
        }
        case json::value_t::string:
            out += "<value><string>";
            for (const char c : value.get_ref<const std::string&>()) {
                if (c == '&')
                    out += "&amp;";
                else if (c == '<')
                    out += "&lt;";
                else if (c == '>')
                    out += "&gt;";
                else
                    out.push_back(c);
            }
            out += "</string></value>\n";
            return;
        case json::value_t::array:
            out += "<value><array><data>\n";
            for (const auto& item : value) marshal(out, item);
            out += "</data></array></value>\n";
            return;
        case json::value_t::object:
            out += "<value><struct>\n";
            for (const auto& [key, item] : value.items()) {
                out += "<member>\n<name>" + key + "</name>\n";
                marshal(out, item);
                out += "</member>\n";
            }
            out += "</struct></value>\n";
            return;
        default:
            out += "<value><nil/></value>\n";
            return;
    }
}

/// The XML-RPC answer of a search_read returning partners 1 .. `records`.
std::string partner_xmlrpc_answer(long records) {
    const auto result =
        odoobridge::json::parse(bench::partner_jsonrpc_answer(1, records)).at("result");
    std::string out = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n";
    out.reserve(static_cast<std::size_t>(records) * 1900 + 128);
    marshal(out, result);
    out += "</param>\n</params>\n</methodResponse>\n";
    return out;
}

/// Best of `repeat` runs of `work`, in seconds (the least disturbed by other processes).
template <class Work>
double best_seconds(int repeat, Work&& work) {
    double best = 1e300;
    for (int i = 0; i < repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        best = std::min(
            best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

void report(const char* row, std::size_t bytes, long records, double seconds) {
    const double mb_per_s = static_cast<double>(bytes) / 1e6 / seconds;
    std::printf(R"({"row": "%s", "bytes": %zu, "records": %ld, "seconds": %.6f, "mb_per_s": %.1f})"
                "\n",
                row, bytes, records, seconds, mb_per_s);
    std::fprintf(stderr, "%-44s %8.1f MB/s  %8.3f s  (%ld records, %.1f MB)\n", row, mb_per_s,
                 seconds, records, static_cast<double>(bytes) / 1e6);
}

odoobridge::json read(const std::string& answer) {
    auto reply = odoobridge::odoo::detail::xmlrpc::read_response(answer, "bench", 200);
    return std::get<odoobridge::json>(std::move(reply));
}

/// Fails loudly when a decode did not produce what was encoded, so that a broken reader
/// cannot look fast.
void check(const std::vector<bench::BenchPartner>& partners, long records) {
    if (static_cast<long>(partners.size()) != records || partners.front().id != 1 ||
        partners.back().id != records || !partners[4].is_company ||
        partners[4].name != "Royal Estate Holding 5" || partners[0].parent_id->id != 5 ||
        partners.back().country_id->name != "Kazakhstan" || partners[0].credit_limit != 1.5)
        throw std::runtime_error("decoded records differ from the payload");
}

}  // namespace

int main(int argc, char** argv) try {
    const Options options = parse_options(argc, argv);
    const std::string answer = partner_xmlrpc_answer(options.records);
    if (!options.payload_file.empty())
        std::ofstream(options.payload_file, std::ios::binary) << answer;

    const double to_json = best_seconds(options.repeat, [&] {
        if (read(answer).size() != static_cast<std::size_t>(options.records))
            throw std::runtime_error("the reader lost records");
    });
    report("odoobridge XML-RPC reader -> json", answer.size(), options.records, to_json);

    std::vector<bench::BenchPartner> partners;
    const double typed = best_seconds(options.repeat, [&] {
        partners = odoobridge::odoo::records_from_json<bench::BenchPartner>(read(answer));
    });
    check(partners, options.records);
    report("odoobridge XML-RPC -> json -> typed structs", answer.size(), options.records, typed);
    return 0;
} catch (const std::exception& error) {
    std::fprintf(stderr, "xmlrpc_decode: %s\n", error.what());
    return 1;
}
