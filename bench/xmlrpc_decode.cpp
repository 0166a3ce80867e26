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

#include "decode_support.hpp"
#include "partner_payload.hpp"
#include "xmlrpc_codec.hpp"  // src/odoo: the reader under test

namespace {

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

odoobridge::json read(const std::string& answer) {
    auto reply = odoobridge::odoo::detail::xmlrpc::read_response(answer, "bench", 200);
    return std::get<odoobridge::json>(std::move(reply));
}

}  // namespace

int main(int argc, char** argv) try {
    const bench::DecodeOptions options = bench::parse_decode_options(argc, argv, 3);
    const std::string answer = partner_xmlrpc_answer(options.records);
    if (!options.payload_file.empty())
        std::ofstream(options.payload_file, std::ios::binary) << answer;

    const double to_json = bench::best_seconds(options.repeat, [&] {
        if (read(answer).size() != static_cast<std::size_t>(options.records))
            throw std::runtime_error("the reader lost records");
    });
    bench::report_throughput("odoobridge XML-RPC reader -> json", answer.size(), options.records,
                             to_json);

    std::vector<bench::BenchPartner> partners;
    const double typed = bench::best_seconds(options.repeat, [&] {
        partners = odoobridge::odoo::records_from_json<bench::BenchPartner>(read(answer));
    });
    bench::check_partners(partners, options.records);
    bench::report_throughput("odoobridge XML-RPC -> json -> typed structs", answer.size(),
                             options.records, typed);
    return 0;
} catch (const std::exception& error) {
    std::fprintf(stderr, "xmlrpc_decode: %s\n", error.what());
    return 1;
}
