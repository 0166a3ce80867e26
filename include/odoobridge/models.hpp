#pragma once
/// \file
/// The business models of odoobridge, described like users describe their own records
/// (see odoo/fields.hpp), and the helpers that go with them:
///
/// | header                      | records                                 | helpers      |
/// |-----------------------------|-----------------------------------------|--------------|
/// | models/estate_property.hpp  | EstateProperty, EstatePropertyImage     |              |
/// | models/res_partner.hpp      | ResPartner                              | Partners     |
/// | models/crm_lead.hpp         | CrmLead                                 | Leads        |
/// | models/account_move.hpp     | AccountMove, AccountMoveLine            | Invoices     |
///
/// `models::AmbiguousMatchError` (models/errors.hpp) is the helpers' own error.
#include <odoobridge/models/account_move.hpp>
#include <odoobridge/models/crm_lead.hpp>
#include <odoobridge/models/errors.hpp>
#include <odoobridge/models/estate_property.hpp>
#include <odoobridge/models/res_partner.hpp>
