#pragma once
/// \file
/// Umbrella header: the whole SDK.
#include <odoobridge/odoo.hpp>
