// invoice_sync: bill a customer for a closed deal, the way a sync job from another system
// would, with the helpers of odoobridge/models.hpp:
//
//  1. upsert the customer by email (safe to re-run: the second run finds the partner);
//  2. create a customer invoice with its lines in one call (the agency commission of a
//     property in "deal" state, plus a fixed fee);
//  3. post it;
//  4. download its PDF through Odoo's report route and save it.
//
//   invoice_sync [PDF_PATH]      (default: $ODOOBRIDGE_INVOICE_PDF, else invoice.pdf)
//
// Settings come from the environment (see odoo_env.hpp). It WRITES to the database (a
// partner and a posted invoice): run it against a test database. The PDF needs a web
// session, which Odoo opens only with a password (ODOO_PASSWORD), not with an API key.

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <odoobridge/models.hpp>
#include <odoobridge/odoo.hpp>
#include <string>
#include <vector>

#include "odoo_env.hpp"

namespace ob = odoobridge;
namespace odoo = odoobridge::odoo;
namespace models = odoobridge::models;

namespace {

/// The customer the deal was closed with, as the other system knows her.
struct Customer {
    std::string email = "  Aigerim.Sultanova@Example.KZ ";  // normalized by the helper
    std::string name = "Aigerim Sultanova";
    std::string phone = "+7 701 555 0101";
    std::string city = "Алматы";
};

/// 0.02 -> "2", 0.025 -> "2.5".
std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", fraction * 100);
    return text;
}

/// The invoice lines: the commission of the first property in "deal" state, if any, and
/// the fixed document fee.
std::vector<odoo::Partial<models::AccountMoveLine>> deal_lines(const odoo::Client& client) {
    std::vector<odoo::Partial<models::AccountMoveLine>> lines;
    const auto deals = client.model<models::EstateProperty>().search_read(
        odoo::field("state") == models::PropertyState::deal, {.limit = 1, .order = "id"});
    if (!deals.empty()) {
        const auto& deal = deals.front();
        lines.push_back(models::invoice_line(
            "Agency commission " + percent(deal.commission) + " %: " + deal.name, 1,
            deal.price * deal.commission));
    }
    lines.push_back(models::invoice_line("Deal documents preparation", 1, 45'000));
    return lines;
}

void save(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out)
        throw ob::ConfigurationError("cannot write the PDF to '" + path +
                                     "': check that the folder exists and is writable");
}

}  // namespace

int main(int argc, char** argv) try {
    std::string pdf_path = argc > 1 ? argv[1] : examples::env("ODOOBRIDGE_INVOICE_PDF");
    if (pdf_path.empty()) pdf_path = "invoice.pdf";
    const odoo::Client client = odoo::Client::connect(examples::options_from_environment());
    std::cout << std::fixed << std::setprecision(2);

    // 1. The customer, by email.
    const Customer customer;
    odoo::Partial<models::ResPartner> values;
    values.set(&models::ResPartner::name, customer.name)
        .set(&models::ResPartner::phone, customer.phone)
        .set(&models::ResPartner::city, customer.city)
        .set(&models::ResPartner::customer_rank, 1);
    const models::Partners partners{client};
    const auto [partner_id, created] = partners.upsert_by_email(customer.email, values);
    std::cout << (created ? "created" : "updated") << " customer #" << partner_id << " <"
              << models::Partners::normalize_email(customer.email) << ">\n";

    // 2. The invoice and its lines, in one create.
    const models::Invoices invoices{client};
    const auto lines = deal_lines(client);
    odoo::Partial<models::AccountMove> extra;
    extra.set(&models::AccountMove::ref, "royal-estate-sync");
    const odoo::Id invoice_id = invoices.create_customer_invoice(partner_id, lines, extra);
    std::cout << "draft invoice #" << invoice_id << " with " << lines.size() << " lines:\n";
    for (const auto& line : invoices.lines(invoice_id))
        std::cout << "  " << line.name.value_or("") << ": " << line.quantity << " × "
                  << line.price_unit << " = " << line.price_subtotal << '\n';

    // 3. Post it.
    invoices.post(invoice_id);
    const auto posted = invoices.get(invoice_id);
    std::cout << "posted " << posted->name.value_or("?") << ": total " << posted->amount_total
              << ' ' << posted->currency_id.name << ", due "
              << (posted->invoice_date_due ? odoo::format_date(*posted->invoice_date_due) : "-")
              << '\n';

    // 4. Its PDF, as Odoo prints it.
    const auto pdf = invoices.pdf(invoice_id);
    save(pdf_path, pdf);
    std::cout << "saved the PDF (" << pdf.size() << " bytes) to " << pdf_path << '\n';
    return 0;
} catch (const models::AmbiguousMatchError& e) {
    std::cerr << "invoice_sync: " << e.what() << '\n';
    return 5;
} catch (const odoo::AuthenticationError& e) {
    std::cerr << "invoice_sync: login refused; check ODOO_USERNAME and ODOO_PASSWORD: " << e.what()
              << '\n';
    return 3;
} catch (const odoo::AccessError& e) {
    std::cerr << "invoice_sync: access denied: " << e.what() << '\n';
    return 4;
} catch (const odoo::UserError& e) {
    std::cerr << "invoice_sync: Odoo refused: " << e.what() << '\n';
    return 5;
} catch (const ob::ConfigurationError& e) {
    std::cerr << "invoice_sync: " << e.what()
              << "\n(set ODOO_URL, ODOO_DB, ODOO_USERNAME and ODOO_PASSWORD)\n";
    return 2;
} catch (const ob::Error& e) {
    std::cerr << "invoice_sync: " << e.what() << '\n';
    return 1;
}
