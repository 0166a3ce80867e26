// Uses the installed headers (the umbrella one, which must not need curl or xmlrpc-c
// headers) and the installed shared libraries.
#include <odoobridge/odoobridge.hpp>

#include <iostream>

int main() {
    namespace odoo = odoobridge::odoo;
    const odoo::ProtocolKind kind = odoo::parse_protocol_kind("json2");
    if (kind != odoo::ProtocolKind::json2) {
        std::cerr << "parse_protocol_kind(\"json2\") returned " << odoo::to_string(kind) << '\n';
        return 1;
    }
    try {
        (void)odoo::parse_protocol_kind("soap");
        std::cerr << "parse_protocol_kind(\"soap\") did not throw\n";
        return 1;
    } catch (const odoobridge::ConfigurationError&) {
        // expected: the library's exception crosses the shared-library boundary intact
    }
    std::cout << "odoobridge " << odoobridge::version << " protocol " << odoo::to_string(kind)
              << '\n';
    return 0;
}
