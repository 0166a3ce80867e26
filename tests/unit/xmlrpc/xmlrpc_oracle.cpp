// xmlrpc-c as the oracle of the XML-RPC differential tests (xmlrpc_oracle.hpp). This was the
// library's XML-RPC decoder until its own reader replaced it (3× fewer instructions per call).

#include "xmlrpc_oracle.hpp"

#include <xmlrpc-c/base.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <vector>
#include <xmlrpc-c/base.hpp>
#include <xmlrpc-c/base64.hpp>
#include <xmlrpc-c/girerr.hpp>
#include <xmlrpc-c/xml.hpp>

namespace odoobridge::test::xmlrpc::oracle {

namespace {

/// xmlrpc-c's process-wide set-up: thread-safe parser state, and no 512 KiB document limit.
void ensure_initialized() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlrpc_env env;
        xmlrpc_env_init(&env);
        xmlrpc_init(&env);
        const bool failed = env.fault_occurred != 0;
        xmlrpc_env_clean(&env);
        if (failed) throw std::runtime_error("xmlrpc-c could not initialise");
        constexpr std::size_t no_limit = std::numeric_limits<std::size_t>::max();
        if (xmlrpc_limit_get(XMLRPC_XML_SIZE_LIMIT_ID) < no_limit)
            xmlrpc_limit_set(XMLRPC_XML_SIZE_LIMIT_ID, no_limit);
    });
}

// xmlrpc-c reads plain decimals by summing digit × 0.1^k, a few ULPs off ("0.02" gives
// 0.020000000000000004). Each double it reads is snapped to the nearest value written in
// the document (read exactly), which it approximates within a few ULPs.

/// The values of the <double> elements written in `document`, read exactly, sorted.
std::vector<double> written_doubles(std::string_view document) {
    constexpr std::string_view open_tag = "<double>";
    std::vector<double> numbers;
    for (auto open = document.find(open_tag); open != std::string_view::npos;
         open = document.find(open_tag, open + open_tag.size())) {
        const std::size_t begin = open + open_tag.size();
        const std::size_t end = document.find('<', begin);
        if (end == std::string_view::npos) break;
        std::string_view text = document.substr(begin, end - begin);
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
            text.remove_prefix(1);
        if (text.starts_with('+')) text.remove_prefix(1);
        double number = 0;
        const auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error == std::errc() && stop == text.data() + text.size()) numbers.push_back(number);
    }
    std::ranges::sort(numbers);
    return numbers;
}

std::uint64_t ulps_between(double a, double b) {
    if (a == b) return 0;
    if (std::signbit(a) != std::signbit(b)) return std::numeric_limits<std::uint64_t>::max();
    const auto x = std::bit_cast<std::int64_t>(a);
    const auto y = std::bit_cast<std::int64_t>(b);
    return static_cast<std::uint64_t>(x > y ? x - y : y - x);
}

double snap(double parsed, const std::vector<double>& written) {
    constexpr std::uint64_t max_ulps = 16;  // xmlrpc-c was measured off by at most 5
    if (written.empty() || !std::isfinite(parsed)) return parsed;
    const auto above = std::ranges::lower_bound(written, parsed);
    double best = parsed;
    std::uint64_t best_distance = max_ulps + 1;
    for (auto it : {above, above == written.begin() ? written.end() : std::prev(above)}) {
        if (it == written.end()) continue;
        if (const auto distance = ulps_between(parsed, *it); distance < best_distance) {
            best = *it;
            best_distance = distance;
        }
    }
    return best;
}

std::string format_datetime(const xmlrpc_datetime& when) {
    char text[32];
    std::snprintf(text, sizeof text, "%04u-%02u-%02u %02u:%02u:%02u", when.Y, when.M, when.D,
                  when.h, when.m, when.s);
    return text;
}

json decode(const xmlrpc_c::value& value, const std::vector<double>& written) {
    switch (value.type()) {
        case xmlrpc_c::value::TYPE_INT:
            return xmlrpc_c::value_int(value).cvalue();
        case xmlrpc_c::value::TYPE_I8:
            return static_cast<std::int64_t>(xmlrpc_c::value_i8(value).cvalue());
        case xmlrpc_c::value::TYPE_BOOLEAN:
            return xmlrpc_c::value_boolean(value).cvalue();
        case xmlrpc_c::value::TYPE_DOUBLE:
            return snap(xmlrpc_c::value_double(value).cvalue(), written);
        case xmlrpc_c::value::TYPE_STRING:
            return xmlrpc_c::value_string(value).cvalue();
        case xmlrpc_c::value::TYPE_NIL:
            return nullptr;
        case xmlrpc_c::value::TYPE_DATETIME:
            return format_datetime(static_cast<xmlrpc_datetime>(xmlrpc_c::value_datetime(value)));
        case xmlrpc_c::value::TYPE_BYTESTRING:
            return xmlrpc_c::base64FromBytes(xmlrpc_c::value_bytestring(value).vectorUcharValue(),
                                             xmlrpc_c::NEWLINE_NO);
        case xmlrpc_c::value::TYPE_ARRAY: {
            json items = json::array();
            for (const auto& item : xmlrpc_c::value_array(value).vectorValueValue())
                items.push_back(decode(item, written));
            return items;
        }
        case xmlrpc_c::value::TYPE_STRUCT: {
            json members = json::object();
            for (const auto& [key, item] : xmlrpc_c::value_struct(value).cvalue())
                members.emplace(key, decode(item, written));
            return members;
        }
        case xmlrpc_c::value::TYPE_C_PTR:
        case xmlrpc_c::value::TYPE_DEAD:
            break;
    }
    throw std::runtime_error("xmlrpc-c produced a value of internal type " +
                             std::to_string(static_cast<int>(value.type())));
}

}  // namespace

Call read_call(const std::string& body) {
    ensure_initialized();
    Call call;
    xmlrpc_c::paramList params;
    try {
        xmlrpc_c::xml::parseCall(body, &call.method, &params);
    } catch (const girerr::error& e) {
        throw std::runtime_error(std::string("xmlrpc-c refused the call: ") + e.what());
    }
    const std::vector<double> written = written_doubles(body);
    call.params = json::array();
    for (unsigned i = 0; i < params.size(); ++i) call.params.push_back(decode(params[i], written));
    return call;
}

Reply read_response(const std::string& body) {
    ensure_initialized();
    xmlrpc_c::rpcOutcome outcome;
    try {
        xmlrpc_c::xml::parseResponse(body, &outcome);
    } catch (const girerr::error& e) {
        throw std::runtime_error(std::string("xmlrpc-c refused the document: ") + e.what());
    }
    if (!outcome.succeeded()) {
        const xmlrpc_c::fault fault = outcome.getFault();
        return Fault{static_cast<int>(fault.getCode()), fault.getDescription()};
    }
    return decode(outcome.getResult(), written_doubles(body));
}

}  // namespace odoobridge::test::xmlrpc::oracle
