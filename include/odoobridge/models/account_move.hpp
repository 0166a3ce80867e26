#pragma once
/// \file
/// `account.move` (invoices, credit notes, journal entries) with `account.move.line`, and
/// `Invoices`, the helpers for customer invoices: create one with its lines in one call,
/// post it, reset it to draft, fetch its PDF.
///
///     models::Invoices invoices{client};
///     const std::vector lines{models::invoice_line("Agency commission", 1, 1'740'000)};
///     const odoo::Id invoice = invoices.create_customer_invoice(partner, lines);
///     invoices.post(invoice);
///     const std::vector<std::uint8_t> pdf = invoices.pdf(invoice);

#include <boost/describe.hpp>
#include <cstdint>
#include <odoobridge/odoo/model.hpp>
#include <odoobridge/odoo/report.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace odoobridge::models {

/// account.move `move_type`.
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

/// account.move `state`.
enum class MoveState { draft, posted, cancel };
BOOST_DESCRIBE_ENUM(MoveState, draft, posted, cancel)

/// account.move `payment_state` (Odoo 16's keys).
enum class PaymentState { not_paid, in_payment, paid, partial, reversed, invoicing_legacy };
BOOST_DESCRIBE_ENUM(PaymentState, not_paid, in_payment, paid, partial, reversed, invoicing_legacy)

/// account.move.line `display_type` (Odoo 16's keys): invoice lines are `product`,
/// `line_section` and `line_note`; the others are the accounting lines Odoo adds.
enum class LineDisplayType {
    product,
    cogs,
    tax,
    rounding,
    payment_term,
    line_section,
    line_note,
    epd
};
BOOST_DESCRIBE_ENUM(LineDisplayType, product, cogs, tax, rounding, payment_term, line_section,
                    line_note, epd)

/// An invoice or journal entry (`account.move`), as read. Members marked (computed) are
/// set by Odoo: create invoices with `Invoices` or a `Partial<AccountMove>`, not with
/// `Model<AccountMove>::create(move)`, which would send them too.
struct AccountMove {
    static constexpr std::string_view odoo_model = "account.move";

    odoo::Id id = 0;
    std::optional<std::string> name;  ///< number, e.g. "INV/2026/00003" ("/" or empty in draft)
    std::optional<std::string> ref;   ///< the customer's reference
    MoveType move_type = MoveType::entry;
    MoveState state = MoveState::draft;        ///< (computed by post / reset)
    std::optional<odoo::Many2one> partner_id;  ///< the customer or vendor
    odoo::Many2one journal_id;                 ///< (required; Odoo picks a default)
    std::optional<odoo::Many2one> company_id;
    odoo::Many2one currency_id;              ///< (required; Odoo picks a default)
    odoo::Date date{};                       ///< accounting date (required)
    std::optional<odoo::Date> invoice_date;  ///< set on posting when empty
    std::optional<odoo::Date> invoice_date_due;
    std::optional<std::string> invoice_origin;            ///< source document (computed)
    std::optional<std::string> payment_reference;         ///< what the customer should quote
    std::optional<odoo::Html> narration;                  ///< terms and conditions
    odoo::Monetary amount_untaxed = 0;                    ///< (computed)
    odoo::Monetary amount_tax = 0;                        ///< (computed)
    odoo::Monetary amount_total = 0;                      ///< (computed)
    odoo::Monetary amount_residual = 0;                   ///< still to pay (computed)
    PaymentState payment_state = PaymentState::not_paid;  ///< (computed)
    odoo::X2many invoice_line_ids;                        ///< account.move.line of the invoice
    std::optional<odoo::Many2one> invoice_user_id;        ///< salesperson

    friend bool operator==(const AccountMove&, const AccountMove&) = default;
};
BOOST_DESCRIBE_STRUCT(AccountMove, (),
                      (id, name, ref, move_type, state, partner_id, journal_id, company_id,
                       currency_id, date, invoice_date, invoice_date_due, invoice_origin,
                       payment_reference, narration, amount_untaxed, amount_tax, amount_total,
                       amount_residual, payment_state, invoice_line_ids, invoice_user_id))

/// One line of an invoice or entry (`account.move.line`), as read; `price_subtotal` and
/// `price_total` are computed.
struct AccountMoveLine {
    static constexpr std::string_view odoo_model = "account.move.line";

    odoo::Id id = 0;
    odoo::Many2one move_id;          ///< the invoice (required)
    std::optional<odoo::Text> name;  ///< label
    LineDisplayType display_type = LineDisplayType::product;
    std::optional<odoo::Many2one> product_id;
    double quantity = 0;
    double price_unit = 0;
    double discount = 0;                ///< percent
    odoo::X2many tax_ids;               ///< account.tax
    odoo::Monetary price_subtotal = 0;  ///< without taxes (computed)
    odoo::Monetary price_total = 0;     ///< with taxes (computed)
    std::optional<odoo::Many2one> account_id;
    std::optional<odoo::Many2one> partner_id;
    std::optional<odoo::Many2one> currency_id;
    int sequence = 10;

    friend bool operator==(const AccountMoveLine&, const AccountMoveLine&) = default;
};
BOOST_DESCRIBE_STRUCT(AccountMoveLine, (),
                      (id, move_id, name, display_type, product_id, quantity, price_unit, discount,
                       tax_ids, price_subtotal, price_total, account_id, partner_id, currency_id,
                       sequence))

/// The values of a new invoice line: label, quantity and unit price; chain `.set(...)` for
/// more (`&AccountMoveLine::product_id`, `tax_ids`, `discount`, `account_id` ...).
/// \throws ConfigurationError when `label` is empty.
[[nodiscard]] inline odoo::Partial<AccountMoveLine> invoice_line(std::string_view label,
                                                                 double quantity,
                                                                 double price_unit) {
    if (label.empty()) throw ConfigurationError("an invoice line needs a label");
    odoo::Partial<AccountMoveLine> line;
    line.set(&AccountMoveLine::name, std::string(label))
        .set(&AccountMoveLine::quantity, quantity)
        .set(&AccountMoveLine::price_unit, price_unit);
    return line;
}

/// Customer-invoice helpers over one client. Each method is one or two calls through the
/// client and throws what `odoo::Client::execute_kw` throws (MissingError for an invoice
/// that does not exist, UserError when Odoo refuses to post ...), plus what it documents.
/// None is retried behind the caller's back.
/// Thread safety: an immutable value; any thread may call any method.
class Invoices {
public:
    explicit Invoices(odoo::Client client) : model_(std::move(client)) {}

    /// The typed model underneath, for everything else.
    [[nodiscard]] const odoo::Model<AccountMove>& model() const noexcept { return model_; }

    /// Creates a draft customer invoice (`out_invoice`) for `partner` with `lines` in ONE
    /// `create` (each line a `Command::create` of `invoice_line_ids`) and the `extra` invoice
    /// values (invoice_date, invoice_date_due, ref, narration ...). Returns its id.
    /// \throws ConfigurationError when `lines` is empty or has an empty line, or when
    ///         `extra` sets move_type, partner_id or invoice_line_ids.
    [[nodiscard]] odoo::Id create_customer_invoice(
        odoo::Id partner, std::span<const odoo::Partial<AccountMoveLine>> lines,
        const odoo::Partial<AccountMove>& extra = {}) const {
        if (lines.empty())
            throw ConfigurationError(
                "create_customer_invoice needs at least one line "
                "(models::invoice_line(label, quantity, price_unit))");
        json values = extra.values();
        for (const char* owned : {"move_type", "partner_id", "invoice_line_ids"})
            if (values.contains(owned))
                throw ConfigurationError(std::string("create_customer_invoice sets ") + owned +
                                         " itself; leave it out of the extra values");
        json commands = json::array();
        for (const auto& line : lines) {
            if (line.empty())
                throw ConfigurationError("create_customer_invoice: invoice line " +
                                         std::to_string(commands.size() + 1) + " has no values");
            commands.push_back(odoo::Command::create(line.values()).to_json());
        }
        values["move_type"] = "out_invoice";
        values["partner_id"] = partner;
        values["invoice_line_ids"] = std::move(commands);
        return model_.dynamic().create(values);
    }

    /// The invoice `invoice`, or nothing when it does not exist.
    [[nodiscard]] std::optional<AccountMove> get(odoo::Id invoice) const {
        return model_.read_one(invoice);
    }

    /// The invoice lines of `invoice` (products, sections and notes; not the tax and
    /// receivable lines Odoo adds), in their order.
    [[nodiscard]] std::vector<AccountMoveLine> lines(odoo::Id invoice) const {
        using odoo::field;
        return model_.dynamic().client().model<AccountMoveLine>().search_read(
            field("move_id") == invoice &&
                field("display_type").in({"product", "line_section", "line_note"}),
            {.order = "sequence, id"});
    }

    /// Posts (validates) the draft `invoice` with Odoo's `action_post`: it gets its number
    /// and, when empty, today's invoice date.
    /// \throws UserError when Odoo refuses (no lines, already posted, ...).
    void post(odoo::Id invoice) const { record_method("action_post", invoice); }

    /// Resets the posted or cancelled `invoice` to draft with Odoo's `button_draft`.
    void reset_to_draft(odoo::Id invoice) const { record_method("button_draft", invoice); }

    /// The PDF of `invoice` as Odoo prints it (report `account.report_invoice`), fetched
    /// through the web session report route (see `odoo::report_pdf`, `Client::web_get`: a
    /// client that logs in with an API key cannot open a web session).
    /// \throws MissingError when the invoice does not exist; UserError when it is not an
    ///         invoice; UnexpectedResponseError when the answer is not a PDF; see report_pdf.
    [[nodiscard]] std::vector<std::uint8_t> pdf(odoo::Id invoice) const {
        return odoo::report_pdf(model_.dynamic().client(), "account.report_invoice",
                                std::span<const odoo::Id>(&invoice, 1));
    }

private:
    void record_method(std::string_view method, odoo::Id invoice) const {
        (void)model_.call(method, json::array({json::array({invoice})}));
    }

    odoo::Model<AccountMove> model_;
};

}  // namespace odoobridge::models
