#pragma once
// The res.partner-like records of the decode and streaming benchmarks: the typed struct an
// application would describe, and the wire text of a `search_read` answer holding N of them.

#include <boost/describe.hpp>
#include <cstdint>
#include <odoobridge/odoo/fields.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

/// A partner as an application reads it: 20 fields of every common kind.
struct BenchPartner {
    static constexpr std::string_view odoo_model = "res.partner";
    odoobridge::odoo::Id id = 0;
    std::string name;
    std::string display_name;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::string> mobile;
    std::optional<std::string> street;
    std::optional<std::string> city;
    std::optional<std::string> zip;
    std::optional<odoobridge::odoo::Many2one> country_id;
    std::optional<odoobridge::odoo::Many2one> parent_id;
    bool is_company = false;
    bool active = true;
    std::int64_t customer_rank = 0;
    double credit_limit = 0;
    odoobridge::odoo::X2many category_id;
    std::optional<std::string> comment;
    std::optional<std::string> lang;
    std::optional<std::string> vat;
    std::optional<odoobridge::odoo::Datetime> write_date;
};
BOOST_DESCRIBE_STRUCT(BenchPartner, (),
                      (id, name, display_name, email, phone, mobile, street, city, zip, country_id,
                       parent_id, is_company, active, customer_rank, credit_limit, category_id,
                       comment, lang, vat, write_date))

/// The field list of `BenchPartner`, as `search_read` is asked for it.
inline constexpr std::string_view kPartnerFields[] = {
    "id",          "name",       "display_name", "email",         "phone",
    "mobile",      "street",     "city",         "zip",           "country_id",
    "parent_id",   "is_company", "active",       "customer_rank", "credit_limit",
    "category_id", "comment",    "lang",         "vat",           "write_date"};

/// Appends record `id` as a JSON object (what Odoo's `search_read` sends). Every fifth
/// partner is a company without a parent; the others belong to one and have empty fields,
/// so both `false` and real values are decoded.
inline void append_partner_json(std::string& out, std::int64_t id) {
    const bool company = id % 5 == 0;
    const std::string n = std::to_string(id);
    const std::string parent = std::to_string((id + 4) / 5 * 5);
    const std::string name = company ? "Royal Estate Holding " + n : "Aigerim Nurlanova " + n;
    out += R"({"id":)" + n + R"(,"name":")" + name + R"(","display_name":")";
    out += company ? name : "Royal Estate Holding " + parent + ", " + name;
    out += R"(","email":"partner)" + n + R"(@royal-estate.kz","phone":"+7 727 355 )" + n;
    out += company ? R"(","mobile":false,)" : R"(","mobile":"+7 701 555 )" + n + R"(",)";
    out += R"("street":"Dostyk Avenue )" + std::to_string(id % 300 + 1) +
           R"(","city":"Almaty","zip":"050010","country_id":[112,"Kazakhstan"],)";
    out += company ? R"("parent_id":false,)"
                   : R"("parent_id":[)" + parent + R"(,"Royal Estate Holding )" + parent + R"("],)";
    out += company ? R"("is_company":true,)" : R"("is_company":false,)";
    out += R"("active":true,"customer_rank":)" + std::to_string(id % 7) + R"(,"credit_limit":)" +
           std::to_string(id % 1000) + R"(.5,"category_id":[1,)" + std::to_string(id % 9 + 2) +
           "],";
    out += company ? R"("comment":"<p>Key account, Medeu district</p>",)" : R"("comment":false,)";
    out += R"("lang":"ru_RU","vat":false,"write_date":"2024-03-18 09:4)" + std::to_string(id % 10) +
           R"(:07"})";
}

/// A JSON-RPC 2.0 answer whose `result` holds partners `first_id` .. `first_id + count - 1`.
inline std::string partner_jsonrpc_answer(std::int64_t first_id, std::int64_t count) {
    std::string out = R"({"jsonrpc":"2.0","id":1,"result":[)";
    out.reserve(static_cast<std::size_t>(count) * 560 + 64);
    for (std::int64_t i = 0; i < count; ++i) {
        if (i > 0) out += ',';
        append_partner_json(out, first_id + i);
    }
    out += "]}";
    return out;
}

/// Throws when `partners` is not what `partner_*_answer(1, records)` encodes (spot checks of
/// ids, strings, a company, Many2one pairs and a double), so a broken decoder cannot look fast.
inline void check_partners(const std::vector<BenchPartner>& partners, long records) {
    if (static_cast<long>(partners.size()) != records || partners.front().id != 1 ||
        partners.back().id != records || !partners[4].is_company ||
        partners[4].name != "Royal Estate Holding 5" || partners[0].parent_id->id != 5 ||
        partners.back().country_id->name != "Kazakhstan" || partners[0].credit_limit != 1.5)
        throw std::runtime_error("decoded records differ from the payload");
}

}  // namespace bench
