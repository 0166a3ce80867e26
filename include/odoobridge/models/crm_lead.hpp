#pragma once
/// \file
/// `crm.lead` (leads and opportunities) and `Leads`, the pipeline helpers: create a lead,
/// convert it to an opportunity, mark it won or lost.
///
///     models::Leads leads{client};
///     const odoo::Id lead = leads.create("2-room flat on Abay", odoo::Partial<models::CrmLead>{}
///                                            .set(&models::CrmLead::email_from, "a@example.kz"));
///     leads.convert_to_opportunity(lead, {.partner_id = customer});
///     leads.mark_won(lead);

#include <boost/describe.hpp>
#include <odoobridge/odoo/model.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace odoobridge::models {

/// crm.lead `type`.
enum class LeadType { lead, opportunity };
BOOST_DESCRIBE_ENUM(LeadType, lead, opportunity)

/// crm.lead `priority` (stars); Odoo's keys are "0" to "3".
enum class LeadPriority { low, medium, high, very_high };
BOOST_DESCRIBE_ENUM(LeadPriority, low, medium, high, very_high)

/// The Odoo key of a priority ("0" low ... "3" very high), found by the codec through ADL.
[[nodiscard]] constexpr std::string_view enum_key(LeadPriority priority) noexcept {
    switch (priority) {
        case LeadPriority::low:
            return "0";
        case LeadPriority::medium:
            return "1";
        case LeadPriority::high:
            return "2";
        case LeadPriority::very_high:
            return "3";
    }
    return "";
}

/// A lead or opportunity (`crm.lead`). Every member is a stored, writable field (fields
/// of Odoo 16 that Odoo 19 still has).
struct CrmLead {
    static constexpr std::string_view odoo_model = "crm.lead";

    odoo::Id id = 0;
    std::string name;  ///< subject (required)
    LeadType type = LeadType::lead;
    std::optional<odoo::Many2one> partner_id;  ///< the customer (res.partner)
    std::optional<std::string> contact_name;   ///< the person, before a customer exists
    std::optional<std::string> partner_name;   ///< the company, before a customer exists
    std::optional<std::string> email_from;
    std::optional<std::string> phone;
    std::optional<std::string> website;
    std::optional<odoo::Html> description;  ///< internal notes
    LeadPriority priority = LeadPriority::low;
    std::optional<odoo::Many2one> stage_id;  ///< pipeline stage (crm.stage)
    odoo::X2many tag_ids;                    ///< tags (crm.tag)
    std::optional<odoo::Many2one> user_id;   ///< salesperson (res.users)
    std::optional<odoo::Many2one> team_id;   ///< sales team (crm.team)
    std::optional<odoo::Many2one> company_id;
    odoo::Monetary expected_revenue = 0;           ///< in the company's currency
    double probability = 0;                        ///< percent, 0-100
    std::optional<odoo::Date> date_deadline;       ///< expected closing
    bool active = true;                            ///< false once lost
    std::optional<odoo::Many2one> lost_reason_id;  ///< why it was lost (crm.lost.reason)
    std::optional<std::string> city;
    std::optional<odoo::Many2one> country_id;

    friend bool operator==(const CrmLead&, const CrmLead&) = default;
};
BOOST_DESCRIBE_STRUCT(CrmLead, (),
                      (id, name, type, partner_id, contact_name, partner_name, email_from, phone,
                       website, description, priority, stage_id, tag_ids, user_id, team_id,
                       company_id, expected_revenue, probability, date_deadline, active,
                       lost_reason_id, city, country_id))

/// What `Leads::convert_to_opportunity` does with the customer; by default it keeps the
/// lead's own customer, if any.
struct ConvertOptions {
    std::optional<odoo::Id> partner_id;  ///< link this existing customer instead
    bool create_customer = false;        ///< without a customer, create one from the lead's
                                         ///< contact_name / partner_name / email_from / phone
};

/// Lead helpers over one client. Each method is a few ORM calls through the client and
/// throws what `odoo::Client::execute_kw` throws (MissingError for a lead that does not
/// exist, AccessError ...), plus what it documents. None is retried behind the caller's back.
/// Thread safety: an immutable value; any thread may call any method.
class Leads {
public:
    explicit Leads(odoo::Client client) : model_(std::move(client)) {}

    /// The typed model underneath, for everything else.
    [[nodiscard]] const odoo::Model<CrmLead>& model() const noexcept { return model_; }

    /// Creates a lead (`type` "lead" unless `extra` sets it) named `name` with the `extra`
    /// values; Odoo fills the rest (stage, salesperson, team ...). Returns its id.
    /// \throws ConfigurationError when `name` is empty.
    [[nodiscard]] odoo::Id create(std::string_view name,
                                  const odoo::Partial<CrmLead>& extra = {}) const {
        if (name.empty()) throw ConfigurationError("a lead needs a name (its subject)");
        json values = extra.values();
        values["name"] = std::string(name);
        if (!values.contains("type")) values["type"] = "lead";
        return model_.dynamic().create(values);
    }

    /// Converts lead `lead` to an opportunity (`type` becomes "opportunity", and it gets a
    /// stage if it had none) with the wizard Odoo's "Convert to Opportunity" button opens:
    /// `crm.lead2opportunity.partner` created with the lead in the context, then
    /// `action_apply`. Odoo 16's `crm.lead.convert_opportunity` takes a res.partner record,
    /// which RPC cannot pass (an id fails, `false` removes the lead's customer), so the
    /// wizard is the way that works over RPC on every version.
    /// \throws ConfigurationError when `options` sets both partner_id and create_customer;
    ///         MissingError when the lead does not exist (checked first).
    void convert_to_opportunity(odoo::Id lead, const ConvertOptions& options = {}) const {
        if (options.partner_id && options.create_customer)
            throw ConfigurationError(
                "convert_to_opportunity: give partner_id or "
                "create_customer, not both");
        require_lead(lead, "convert_to_opportunity");
        const odoo::CallOptions in_context{.context = {{"active_model", CrmLead::odoo_model},
                                                       {"active_id", lead},
                                                       {"active_ids", json::array({lead})}}};
        json values{{"name", "convert"}, {"lead_id", lead}};
        if (options.partner_id) {
            values["action"] = "exist";
            values["partner_id"] = *options.partner_id;
        } else {
            values["action"] = options.create_customer ? "create" : "nothing";
        }
        const auto wizard = model_.dynamic().client().model("crm.lead2opportunity.partner");
        const odoo::Id wizard_id = wizard.create(values, in_context);
        (void)wizard.call("action_apply", json::array({json::array({wizard_id})}), json::object(),
                          in_context);
    }

    /// Marks `lead` won with Odoo's `action_set_won`: reactivated if it was lost, moved to
    /// the won stage that follows its stage, probability 100.
    void mark_won(odoo::Id lead) const {
        (void)model_.call("action_set_won", json::array({json::array({lead})}));
    }

    /// Marks `lead` lost: archived (`active` false), probability 0 and, when given, the
    /// reason (a crm.lost.reason id); Odoo sets the closing date. This is what Odoo's
    /// `action_set_lost(lost_reason_id=...)` does, written as one `write`: that method
    /// returns None, which Odoo's XML-RPC cannot send (the lead is marked lost and the
    /// caller still gets a fault), so this works the same on every protocol.
    void mark_lost(odoo::Id lead, std::optional<odoo::Id> lost_reason = std::nullopt) const {
        json values{{"active", false}, {"probability", 0}};
        if (lost_reason) values["lost_reason_id"] = *lost_reason;
        model_.write(std::span<const odoo::Id>(&lead, 1), values);
    }

private:
    void require_lead(odoo::Id lead, std::string_view what) const {
        const std::span<const odoo::Id> ids(&lead, 1);
        if (!model_.exists(ids).empty()) return;
        odoo::ErrorDetails details;
        details.server_class = "odoo.exceptions.MissingError";
        details.server_message = "crm.lead " + std::to_string(lead) +
                                 " does not exist or has been deleted (checked before " +
                                 std::string(what) + ")";
        details.model = std::string(CrmLead::odoo_model);
        details.method = std::string(what);
        details.protocol = std::string(odoo::to_string(model_.dynamic().client().protocol()));
        throw odoo::MissingError(std::move(details));
    }

    odoo::Model<CrmLead> model_;
};

}  // namespace odoobridge::models
