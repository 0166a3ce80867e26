#pragma once
/// \file
/// Everything needed to talk to Odoo.
#include <odoobridge/core/curl_transport.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/client.hpp>
#include <odoobridge/odoo/domain.hpp>
#include <odoobridge/odoo/errors.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <odoobridge/odoo/model.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <odoobridge/odoo/report.hpp>
#include <odoobridge/version.hpp>
