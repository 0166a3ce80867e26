// estate_listing: typed reads of the Royal Estate properties (estate.property).
//
//  1. a search with a domain built by odoo::field(...), decoded into models::EstateProperty
//     and printed as a table;
//  2. a model of our own: RoyalEstateListing describes only the fields a listing page
//     needs, exactly as odoobridge describes its models. Its schema is checked against the
//     server, then every active property is streamed page by page (id cursor, flat memory)
//     to sum up prices per district.
//
// Settings come from the environment (see odoo_env.hpp: ODOO_URL, ODOO_DB, ODOO_USERNAME,
// ODOO_PASSWORD or ODOO_API_KEY, ODOOBRIDGE_PROTOCOL). It only reads.

#include <boost/describe.hpp>
#include <iostream>
#include <map>
#include <odoobridge/models.hpp>
#include <odoobridge/odoo.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "odoo_env.hpp"

namespace ob = odoobridge;
namespace odoo = odoobridge::odoo;
namespace models = odoobridge::models;

namespace {

/// Our own view of estate.property: only what a listing page shows. Any described struct
/// with `odoo_model` is a model; reads ask for exactly these fields.
struct RoyalEstateListing {
    static constexpr std::string_view odoo_model = "estate.property";
    odoo::Id id = 0;
    std::string name;
    double price = 0;
    std::optional<models::District> district;
    int rooms = 0;
    double area = 0;
    models::PropertyState state = models::PropertyState::new_;
};
BOOST_DESCRIBE_STRUCT(RoyalEstateListing, (), (id, name, price, district, rooms, area, state))

/// `text` cut or padded to `width` characters (UTF-8 aware: names are often Cyrillic).
std::string cell(std::string_view text, std::size_t width) {
    std::string out;
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = 1;
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead >= 0xf0)
            length = 4;
        else if (lead >= 0xe0)
            length = 3;
        else if (lead >= 0xc0)
            length = 2;
        if (characters + 1 > width) break;
        out.append(text.substr(i, length));
        i += length;
        ++characters;
    }
    out.append(width - characters, ' ');
    return out;
}

/// 87000000 -> "87 000 000".
std::string tenge(double amount) {
    std::string digits = std::to_string(static_cast<long long>(amount + 0.5));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), " ");
    return digits;
}

std::string_view key_of(auto value) { return ob::core::enum_wire_key(value); }

}  // namespace

int main() try {
    const odoo::Client client = odoo::Client::connect(examples::options_from_environment());
    using models::PropertyState;
    using odoo::field;

    // 1. Properties on the market or in a deal, from 50 million tenge, most expensive first.
    const odoo::Domain on_market =
        field("state").in({PropertyState::published, PropertyState::showing, PropertyState::deposit,
                           PropertyState::deal}) &&
        field("price") >= 50'000'000;
    std::cout << "domain: " << on_market << "\n\n";
    const auto properties = client.model<models::EstateProperty>().search_read(
        on_market, {.limit = 20, .order = "price desc"});
    std::cout << cell("id", 5) << cell("name", 34) << cell("district", 11) << cell("rooms", 6)
              << cell("m²", 7) << cell("state", 10) << "price, ₸\n";
    for (const auto& p : properties) {
        std::cout << cell(std::to_string(p.id), 5) << cell(p.name, 34)
                  << cell(p.district ? key_of(*p.district) : "-", 11)
                  << cell(std::to_string(p.rooms), 6)
                  << cell(std::to_string(static_cast<int>(p.area)), 7) << cell(key_of(p.state), 10)
                  << tenge(p.price) << '\n';
    }
    std::cout << properties.size() << " properties\n\n";

    // 2. Our own model: check it against the server, then stream every active property.
    odoo::verify_schema<RoyalEstateListing>(client);  // throws SchemaMismatchError if wrong
    std::map<std::string, std::pair<int, double>> by_district;  // count, sum of prices
    auto listings = client.model<RoyalEstateListing>().stream(field("active") == true, 2);
    for (const RoyalEstateListing& listing : listings) {
        auto& [count, sum] =
            by_district[std::string(listing.district ? key_of(*listing.district) : "(none)")];
        ++count;
        sum += listing.price;
    }
    std::cout << "active listings by district (streamed in " << listings.pages_fetched()
              << " pages of 2):\n";
    for (const auto& [district, totals] : by_district)
        std::cout << "  " << cell(district, 11) << totals.first << " × average "
                  << tenge(totals.second / totals.first) << " ₸\n";
    return 0;
} catch (const odoo::SchemaMismatchError& e) {
    std::cerr << "estate_listing: this server's estate.property is not the Royal Estate one:\n"
              << e.what() << '\n';
    return 5;
} catch (const odoo::AuthenticationError& e) {
    std::cerr << "estate_listing: login refused; check ODOO_USERNAME and ODOO_PASSWORD or "
                 "ODOO_API_KEY: "
              << e.what() << '\n';
    return 3;
} catch (const odoo::AccessError& e) {
    std::cerr << "estate_listing: access denied: " << e.what() << '\n';
    return 4;
} catch (const ob::ConfigurationError& e) {
    std::cerr << "estate_listing: " << e.what()
              << "\n(set ODOO_URL, ODOO_DB, ODOO_USERNAME and ODOO_PASSWORD or ODOO_API_KEY)\n";
    return 2;
} catch (const ob::Error& e) {
    std::cerr << "estate_listing: " << e.what() << '\n';
    return 1;
}
