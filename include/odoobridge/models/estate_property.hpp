#pragma once
/// \file
/// `estate.property` and `estate.property.image`: the Royal Estate schema (see
/// tests/data/wire/odoo16/README.md and the royal_estate_* captures): properties for sale or
/// rent in Almaty with their agent, owner, linked crm.lead and photos.
///
///     auto properties = client.model<models::EstateProperty>();
///     for (const auto& p : properties.search_read(
///              odoo::field("state") == models::PropertyState::deposit, {.order = "price desc"}))
///         std::cout << p.name << ' ' << p.price << '\n';
///
/// On that server the rule "a property entering `deposit` gets a crm.lead" is an onchange,
/// which runs only in the web form: over RPC nothing creates the lead, so a program that
/// moves a property to `deposit` creates the lead itself (models::Leads) and writes
/// `crm_lead_id`.
///
/// The structs are plain values (copyable, no shared state).

#include <boost/describe.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace odoobridge::models {

/// estate.property `deal_type`.
enum class DealType { sale, rent };
BOOST_DESCRIBE_ENUM(DealType, sale, rent)

/// estate.property `property_type`.
enum class PropertyType { apartment, house, commercial, land };
BOOST_DESCRIBE_ENUM(PropertyType, apartment, house, commercial, land)

/// estate.property `state`, in pipeline order ("new" is spelt `new_`).
enum class PropertyState { new_, published, showing, deposit, deal, sold, cancelled };
BOOST_DESCRIBE_ENUM(PropertyState, new_, published, showing, deposit, deal, sold, cancelled)

/// estate.property `district`: the districts of Almaty.
enum class District { alatau, almaly, auezov, bostandyk, zhetysu, medeu, nauryzbay, turksib };
BOOST_DESCRIBE_ENUM(District, alatau, almaly, auezov, bostandyk, zhetysu, medeu, nauryzbay, turksib)

/// A property (`estate.property`). Every member is a stored, writable field, so
/// `client.model<EstateProperty>().create(property)` creates exactly what the struct holds.
struct EstateProperty {
    static constexpr std::string_view odoo_model = "estate.property";

    odoo::Id id = 0;
    std::string name;                       ///< listing title (required)
    std::optional<odoo::Text> description;  ///< free text
    DealType deal_type = DealType::sale;
    PropertyType property_type = PropertyType::apartment;
    PropertyState state = PropertyState::new_;
    double price = 0;       ///< asking price, tenge (required, > 0: an SQL constraint)
    double commission = 0;  ///< agency commission as a fraction (0.02 = 2 %)
    int rooms = 0;
    double area = 0;  ///< m²
    int floor = 0;
    int floors_total = 0;
    bool has_parking = false;
    std::optional<District> district;
    std::optional<std::string> street;
    std::optional<std::string> house_number;
    std::optional<std::string> city;
    double latitude = 0;                        ///< degrees, 7 decimals (0 when not geocoded)
    double longitude = 0;                       ///< degrees, 7 decimals (0 when not geocoded)
    std::optional<odoo::Date> deal_date;        ///< when the deal closed
    std::optional<odoo::Many2one> user_id;      ///< agent (res.users)
    std::optional<odoo::Many2one> owner_id;     ///< owner (res.partner)
    std::optional<odoo::Many2one> crm_lead_id;  ///< the deal's lead (crm.lead)
    odoo::X2many image_ids;                     ///< photos (estate.property.image)
    bool active = true;

    friend bool operator==(const EstateProperty&, const EstateProperty&) = default;
};
BOOST_DESCRIBE_STRUCT(EstateProperty, (),
                      (id, name, description, deal_type, property_type, state, price, commission,
                       rooms, area, floor, floors_total, has_parking, district, street,
                       house_number, city, latitude, longitude, deal_date, user_id, owner_id,
                       crm_lead_id, image_ids, active))

/// A property photo (`estate.property.image`): a thumbnail kept in Odoo, the full image in
/// S3. Deleted with its property.
struct EstatePropertyImage {
    static constexpr std::string_view odoo_model = "estate.property.image";

    odoo::Id id = 0;
    odoo::Many2one property_id;             ///< the property (required)
    std::optional<odoo::Binary> thumbnail;  ///< small image bytes (base64 on the wire)
    std::optional<std::string> s3_url;      ///< public URL of the full image
    std::optional<std::string> s3_key;      ///< object key in the bucket
    int sequence = 10;                      ///< display order
    bool is_main = false;                   ///< the listing's cover photo

    friend bool operator==(const EstatePropertyImage&, const EstatePropertyImage&) = default;
};
BOOST_DESCRIBE_STRUCT(EstatePropertyImage, (),
                      (id, property_id, thumbnail, s3_url, s3_key, sequence, is_main))

}  // namespace odoobridge::models
