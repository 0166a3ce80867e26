#pragma once
/// \file
/// The ORM layer: `client.model<T>()` gives a typed `Model<T>`, `client.model("crm.lead")`
/// an untyped `DynamicModel`; both search, read, create, write, unlink, stream and check
/// their schema. Include this header (or odoobridge/odoo.hpp) to call `Client::model`;
/// client.hpp only declares the accessors, which are defined here and in model.cpp.
///
///     auto properties = client.model<Property>();
///     for (const Property& p : properties.search_read(field("price") >= 30'000'000,
///                                                     {.limit = 20, .order = "price desc"}))
///         ...
///     for (const Property& p : properties.stream(field("state") == "sold", 200)) ...
///     properties.verify_schema();  // throws SchemaMismatchError listing every problem

#include <odoobridge/odoo/model/dynamic.hpp>
#include <odoobridge/odoo/model/options.hpp>
#include <odoobridge/odoo/model/schema.hpp>
#include <odoobridge/odoo/model/stream.hpp>
#include <odoobridge/odoo/model/typed.hpp>
