// Fuzz target: raw search domains (odoo::Domain::raw), the one input of the domain builder
// users hand in as JSON (CLI arguments, Python lists, stored filters), and everything done
// with a domain afterwards: to_json, to_string, &&, || and !.
//
// The input is JSON text (no selector byte); text that is not JSON is skipped. raw() either
// throws ConfigurationError or returns a domain whose to_json() is the input unchanged; the
// prefix form of any combination must read back through raw() to the same JSON.

#include <odoobridge/odoo/domain.hpp>

#include "fuzz_support.hpp"

namespace fz = odoobridge::fuzz;
namespace odoo = odoobridge::odoo;
using odoobridge::json;

namespace {

/// `domain.to_json()` must read back through raw() unchanged.
void check_round_trip(const odoo::Domain& domain, std::string_view what) {
    const json written = domain.to_json();
    try {
        if (odoo::Domain::raw(written).to_json() != written)
            fz::finding(what, "raw(to_json()) changed the domain");
    } catch (const odoobridge::ConfigurationError& error) {
        fz::finding(what, std::string("raw() refused a domain the builder wrote: ") + error.what());
    }
    (void)domain.to_string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const json input = json::parse(fz::raw_input(data, size), nullptr, false);
    if (input.is_discarded()) return 0;
    fz::run_decoder([&] {
        const odoo::Domain domain = odoo::Domain::raw(input);
        if (domain.to_json() != input)
            fz::finding("Domain::raw", "to_json() differs from the input");
        (void)domain.to_string();
        const odoo::Domain other = odoo::field("active") == true;
        check_round_trip(domain && other, "domain && condition");
        check_round_trip(other || domain, "condition || domain");
        check_round_trip(!domain, "!domain");
        check_round_trip(!(domain && domain) || domain, "a combination");
    });
    return 0;
}
