#pragma once
// Test records mirroring the fields read in the Odoo 16 captures (tests/data/wire/odoo16),
// described exactly as users describe their own models.

#include <odoobridge/odoo/fields.hpp>

#include <boost/describe.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace typed_test {

namespace odoo = odoobridge::odoo;

// ---- a minimal record ------------------------------------------------------------------

struct Small {
    static constexpr std::string_view odoo_model = "test.small";
    odoo::Id id = 0;
    std::string name;
    int count = 0;
    friend bool operator==(const Small&, const Small&) = default;
};
BOOST_DESCRIBE_STRUCT(Small, (), (id, name, count))

// ---- res.partner (partner_search_read) -------------------------------------------------

struct Partner {
    static constexpr std::string_view odoo_model = "res.partner";
    odoo::Id id = 0;
    std::string name;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    bool is_company = false;
    std::optional<odoo::Many2one> country_id;
    odoo::X2many category_id;
    odoo::X2many child_ids;
    odoo::Datetime create_date{};
    odoo::Datetime write_date{};
    odoo::Monetary credit_limit = 0;
    bool active = true;
    std::string lang;  // selection over installed languages: any key
    std::optional<std::string> vat;
    std::optional<std::string> street;
    std::optional<std::string> city;
    std::optional<std::string> zip;
    friend bool operator==(const Partner&, const Partner&) = default;
};
BOOST_DESCRIBE_STRUCT(Partner, (),
                      (id, name, email, phone, is_company, country_id, category_id, child_ids,
                       create_date, write_date, credit_limit, active, lang, vat, street, city, zip))

// ---- res.partner image (partner_read_image) --------------------------------------------

struct PartnerImage {
    static constexpr std::string_view odoo_model = "res.partner";
    odoo::Id id = 0;
    std::string name;
    std::optional<odoo::Binary> image_128;
    friend bool operator==(const PartnerImage&, const PartnerImage&) = default;
};
BOOST_DESCRIBE_STRUCT(PartnerImage, (), (id, name, image_128))

// ---- crm.lead (lead_search_read) -------------------------------------------------------

enum class LeadType { lead, opportunity };
BOOST_DESCRIBE_ENUM(LeadType, lead, opportunity)

enum class Priority { _0, _1, _2, _3 };  // keys "0".."3"
BOOST_DESCRIBE_ENUM(Priority, _0, _1, _2, _3)

struct Lead {
    static constexpr std::string_view odoo_model = "crm.lead";
    odoo::Id id = 0;
    std::string name;
    std::optional<odoo::Many2one> partner_id;
    std::optional<std::string> email_from;
    std::optional<std::string> phone;
    odoo::Monetary expected_revenue = 0;
    double probability = 0;
    std::optional<odoo::Many2one> stage_id;
    odoo::X2many tag_ids;
    std::optional<odoo::Many2one> user_id;
    std::optional<odoo::Many2one> team_id;
    LeadType type = LeadType::lead;
    std::optional<odoo::Date> date_deadline;
    Priority priority = Priority::_0;
    bool active = true;
    std::optional<odoo::Many2one> company_currency;
    friend bool operator==(const Lead&, const Lead&) = default;
};
BOOST_DESCRIBE_STRUCT(Lead, (),
                      (id, name, partner_id, email_from, phone, expected_revenue, probability,
                       stage_id, tag_ids, user_id, team_id, type, date_deadline, priority, active,
                       company_currency))

// ---- account.move (move_search_read) ---------------------------------------------------

enum class MoveType {
    entry,
    out_invoice,
    out_refund,
    in_invoice,
    in_refund,
    out_receipt,
    in_receipt
};
BOOST_DESCRIBE_ENUM(MoveType, entry, out_invoice, out_refund, in_invoice, in_refund, out_receipt,
                    in_receipt)

enum class MoveState { draft, posted, cancel };
BOOST_DESCRIBE_ENUM(MoveState, draft, posted, cancel)

enum class PaymentState { not_paid, in_payment, paid, partial, reversed, invoicing_legacy };
BOOST_DESCRIBE_ENUM(PaymentState, not_paid, in_payment, paid, partial, reversed, invoicing_legacy)

struct Move {
    static constexpr std::string_view odoo_model = "account.move";
    odoo::Id id = 0;
    std::string name;
    MoveType move_type = MoveType::entry;
    MoveState state = MoveState::draft;
    std::optional<odoo::Many2one> partner_id;
    std::optional<odoo::Date> invoice_date;
    std::optional<odoo::Date> invoice_date_due;
    odoo::Monetary amount_untaxed = 0;
    odoo::Monetary amount_tax = 0;
    odoo::Monetary amount_total = 0;
    odoo::Monetary amount_residual = 0;
    odoo::Many2one currency_id;
    odoo::X2many invoice_line_ids;
    PaymentState payment_state = PaymentState::not_paid;
    std::optional<std::string> ref;
    friend bool operator==(const Move&, const Move&) = default;
};
BOOST_DESCRIBE_STRUCT(Move, (),
                      (id, name, move_type, state, partner_id, invoice_date, invoice_date_due,
                       amount_untaxed, amount_tax, amount_total, amount_residual, currency_id,
                       invoice_line_ids, payment_state, ref))

// ---- account.move.line (move_line_read) ------------------------------------------------

struct MoveLine {
    static constexpr std::string_view odoo_model = "account.move.line";
    odoo::Id id = 0;
    odoo::Many2one move_id;
    std::optional<odoo::Many2one> product_id;
    std::optional<odoo::Text> name;
    double quantity = 0;
    double price_unit = 0;
    double discount = 0;
    odoo::X2many tax_ids;
    odoo::Monetary price_subtotal = 0;
    odoo::Monetary price_total = 0;
    std::optional<odoo::Many2one> account_id;
    std::string display_type;
    friend bool operator==(const MoveLine&, const MoveLine&) = default;
};
BOOST_DESCRIBE_STRUCT(MoveLine, (),
                      (id, move_id, product_id, name, quantity, price_unit, discount, tax_ids,
                       price_subtotal, price_total, account_id, display_type))

// ---- estate.property of the Royal Estate database (royal_estate_search_read) -----------

enum class PropertyState { new_, published, showing, deposit, deal, sold, cancelled };
BOOST_DESCRIBE_ENUM(PropertyState, new_, published, showing, deposit, deal, sold, cancelled)

enum class District { alatau, almaly, auezov, bostandyk, zhetysu, medeu, nauryzbay, turksib };
BOOST_DESCRIBE_ENUM(District, alatau, almaly, auezov, bostandyk, zhetysu, medeu, nauryzbay, turksib)

enum class DealType { sale, rent };
BOOST_DESCRIBE_ENUM(DealType, sale, rent)

enum class PropertyType { apartment, house, commercial, land };
BOOST_DESCRIBE_ENUM(PropertyType, apartment, house, commercial, land)

/// Fields every Royal Estate record has; the property inherits them (described bases).
struct EstateBase {
    odoo::Id id = 0;
    std::string name;
    friend bool operator==(const EstateBase&, const EstateBase&) = default;
};
BOOST_DESCRIBE_STRUCT(EstateBase, (), (id, name))

struct Property : EstateBase {
    static constexpr std::string_view odoo_model = "estate.property";
    double price = 0;
    PropertyState state = PropertyState::new_;
    int rooms = 0;
    double area = 0;
    int floor = 0;
    bool has_parking = false;
    std::optional<District> district;
    std::optional<std::string> street;
    std::optional<std::string> house_number;
    std::optional<std::string> city;
    double latitude = 0;
    double longitude = 0;
    std::optional<odoo::Date> deal_date;
    std::optional<odoo::Many2one> user_id;
    std::optional<odoo::Many2one> owner_id;
    std::optional<odoo::Many2one> crm_lead_id;
    odoo::X2many image_ids;
    DealType deal_type = DealType::sale;
    PropertyType property_type = PropertyType::apartment;
    double commission = 0;
    friend bool operator==(const Property&, const Property&) = default;
};
BOOST_DESCRIBE_STRUCT(Property, (EstateBase),
                      (price, state, rooms, area, floor, has_parking, district, street,
                       house_number, city, latitude, longitude, deal_date, user_id, owner_id,
                       crm_lead_id, image_ids, deal_type, property_type, commission))

}  // namespace typed_test
