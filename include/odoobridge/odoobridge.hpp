#pragma once
/// \file
/// Umbrella header: the whole SDK.
#include <odoobridge/bitrix24.hpp>
#include <odoobridge/models.hpp>
#include <odoobridge/odoo.hpp>
#include <odoobridge/rosdomofon.hpp>
