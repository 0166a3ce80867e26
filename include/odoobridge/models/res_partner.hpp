#pragma once
/// \file
/// `res.partner` (customers, companies, contacts) and `Partners`, the helpers programs
/// otherwise write by hand: create a customer, find partners by email, upsert by email.
///
///     models::Partners partners{client};
///     const auto [id, created] = partners.upsert_by_email(
///         " Aigerim@Example.KZ ", odoo::Partial<models::ResPartner>{}
///                                     .set(&models::ResPartner::name, "Aigerim Sultanova")
///                                     .set(&models::ResPartner::customer_rank, 1));

#include <boost/describe.hpp>
#include <cctype>
#include <odoobridge/models/errors.hpp>
#include <odoobridge/odoo/domain.hpp>
#include <odoobridge/odoo/model.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace odoobridge::models {

/// res.partner `type`: what the address is for ("private" is spelt `private_`; Odoo 17+
/// no longer has it).
enum class PartnerType { contact, invoice, delivery, private_, other };
BOOST_DESCRIBE_ENUM(PartnerType, contact, invoice, delivery, private_, other)

/// A partner (`res.partner`): a company or a person, customer or vendor. Every member is a
/// stored, writable field (read-only ones such as create_date are left out, so that
/// `create(partner)` sends nothing Odoo would refuse or misuse). Odoo lets most of them be
/// empty, hence the optionals (even `name`: address-only contacts may have none).
struct ResPartner {
    static constexpr std::string_view odoo_model = "res.partner";

    odoo::Id id = 0;
    std::optional<std::string> name;
    bool is_company = false;
    std::optional<odoo::Many2one> parent_id;  ///< the company a contact works for
    std::optional<PartnerType> type = PartnerType::contact;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::string> street;
    std::optional<std::string> street2;
    std::optional<std::string> zip;
    std::optional<std::string> city;
    std::optional<odoo::Many2one> country_id;
    std::optional<std::string> vat;  ///< tax id (BIN/IIN in Kazakhstan)
    std::optional<std::string> ref;  ///< the partner's reference in other systems
    std::optional<std::string> website;
    std::optional<std::string> function;  ///< job position
    std::optional<std::string> lang;      ///< an installed language code, e.g. "ru_RU"
    std::optional<odoo::Html> comment;    ///< internal notes
    odoo::X2many category_id;             ///< tags (res.partner.category)
    odoo::X2many child_ids;               ///< contacts and addresses of a company
    double credit_limit = 0;              ///< 0: none (used when the company checks limits)
    bool active = true;
    int customer_rank = 0;                     ///< > 0: a customer (Odoo counts invoices and sales)
    int supplier_rank = 0;                     ///< > 0: a vendor
    std::optional<odoo::Many2one> company_id;  ///< empty: shared by all companies
    std::optional<odoo::Many2one> user_id;     ///< salesperson (res.users)

    friend bool operator==(const ResPartner&, const ResPartner&) = default;
};
BOOST_DESCRIBE_STRUCT(ResPartner, (),
                      (id, name, is_company, parent_id, type, email, phone, street, street2, zip,
                       city, country_id, vat, ref, website, function, lang, comment, category_id,
                       child_ids, credit_limit, active, customer_rank, supplier_rank, company_id,
                       user_id))

/// What `Partners::upsert_by_email` did.
struct UpsertResult {
    odoo::Id id = 0;       ///< the partner written or created
    bool created = false;  ///< true when no partner had the email and one was created
};

namespace partner_detail {
/// `text` as a LIKE pattern matching exactly itself: `%`, `_` and `\` escaped with `\`.
[[nodiscard]] inline std::string like_literal(std::string_view text) {
    std::string pattern;
    pattern.reserve(text.size());
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
    }
    return pattern;
}
}  // namespace partner_detail

/// Partner helpers over one client. Each method is one or two ORM calls through the
/// client (context, retries of reads and error mapping apply) and throws what those throw
/// (`odoo::Client::execute_kw`), plus what it documents.
///
/// Thread safety: an immutable value; any thread may call any method. `upsert_by_email` is
/// not atomic: Odoo has no unique constraint on emails, so two processes upserting the
/// same new email at the same moment can both create a partner. Serialize upserts of one
/// email (one sync job per source) when that matters.
class Partners {
public:
    explicit Partners(odoo::Client client) : model_(std::move(client)) {}

    /// The typed model underneath, for everything else.
    [[nodiscard]] const odoo::Model<ResPartner>& model() const noexcept { return model_; }

    /// `email` trimmed of surrounding whitespace and lower-cased (ASCII): the form the
    /// helpers store and compare.
    /// \throws ConfigurationError when nothing is left or it has no '@' between characters.
    [[nodiscard]] static std::string normalize_email(std::string_view email) {
        const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
        while (!email.empty() && space(static_cast<unsigned char>(email.front())))
            email.remove_prefix(1);
        while (!email.empty() && space(static_cast<unsigned char>(email.back())))
            email.remove_suffix(1);
        const auto at = email.find('@');
        if (at == std::string_view::npos || at == 0 || at + 1 == email.size())
            throw ConfigurationError("'" + std::string(email) +
                                     "' is not an email address (expected name@domain)");
        std::string normalized(email);
        for (char& c : normalized)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return normalized;
    }

    /// Creates a customer (`customer_rank` 1, as Odoo counts one) named `name`, with
    /// `email` normalized when given and any other `extra` values; returns its id.
    /// Never retried.
    /// \throws ConfigurationError for an empty name or an invalid email.
    [[nodiscard]] odoo::Id create_customer(std::string_view name, std::string_view email = {},
                                           const odoo::Partial<ResPartner>& extra = {}) const {
        if (name.empty()) throw ConfigurationError("create_customer needs the customer's name");
        json values = extra.values();
        values["name"] = std::string(name);
        if (!email.empty()) values["email"] = normalize_email(email);
        if (!values.contains("customer_rank")) values["customer_rank"] = 1;
        return model_.dynamic().create(values);
    }

    /// The ids of the active partners whose email is `email` (compared case-insensitively
    /// with `=ilike`, wildcards escaped, after `normalize_email`), ascending.
    /// \throws ConfigurationError for an invalid email.
    [[nodiscard]] std::vector<odoo::Id> ids_by_email(std::string_view email,
                                                     const odoo::CallOptions& options = {}) const {
        return model_.search(email_domain(normalize_email(email)),
                             {.order = "id", .context = options.context});
    }

    /// The active partners whose email is `email` (see `ids_by_email`), ascending by id;
    /// empty when there is none. Several are returned as they are: duplicates happen.
    /// \throws ConfigurationError for an invalid email.
    [[nodiscard]] std::vector<ResPartner> find_by_email(
        std::string_view email, const odoo::CallOptions& options = {}) const {
        return model_.search_read(email_domain(normalize_email(email)),
                                  {.order = "id", .context = options.context});
    }

    /// The partner with email `email` gets `values`: written to it when exactly one active
    /// partner has that email (nothing is written when `values` is empty), else created
    /// from `values` with the normalized email (set `name` then: contacts require one).
    /// Running it again with the same email finds the partner it created: no duplicate.
    /// \throws ConfigurationError for an invalid email, or `values` setting another email;
    ///         AmbiguousMatchError when several partners have the email (nothing written);
    ///         ValidationError from the server (e.g. a new contact without a name).
    UpsertResult upsert_by_email(std::string_view email,
                                 const odoo::Partial<ResPartner>& values = {}) const {
        const std::string normalized = normalize_email(email);
        json changes = values.values();
        if (auto it = changes.find("email"); it != changes.end()) {
            if (!it->is_string() || normalize_email(it->get<std::string>()) != normalized)
                throw ConfigurationError("upsert_by_email('" + normalized +
                                         "'): the values set another email, " + it->dump() +
                                         "; the email is the key and cannot change here");
            changes.erase(it);
        }
        const std::vector<odoo::Id> ids = model_.search(email_domain(normalized), {.order = "id"});
        if (ids.size() > 1)
            throw AmbiguousMatchError(std::string(ResPartner::odoo_model),
                                      "email =ilike '" + normalized + "'", ids);
        if (ids.size() == 1) {
            if (!changes.empty()) model_.write(ids, changes);
            return {ids.front(), false};
        }
        changes["email"] = normalized;
        return {model_.dynamic().create(changes), true};
    }

private:
    static odoo::Domain email_domain(const std::string& normalized) {
        return odoo::field("email").eq_ilike(partner_detail::like_literal(normalized));
    }

    odoo::Model<ResPartner> model_;
};

}  // namespace odoobridge::models
