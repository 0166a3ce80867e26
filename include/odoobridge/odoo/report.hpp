#pragma once
/// \file
/// `report_pdf`: a report of Odoo (an invoice, a quotation ...) rendered to PDF by the
/// server, fetched the way Odoo's web client downloads it.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/client.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace odoobridge::odoo {

/// The web path of report `report_name` for `ids`: "/report/pdf/<report_name>/<id>,<id>".
/// \throws ConfigurationError when the name is empty or has characters other than letters,
///         digits, '_' and '.', or when `ids` is empty or holds an id below 1.
[[nodiscard]] inline std::string report_pdf_path(std::string_view report_name,
                                                 std::span<const Id> ids) {
    const bool valid_name = !report_name.empty() && std::ranges::all_of(report_name, [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
    });
    if (!valid_name)
        throw ConfigurationError("'" + std::string(report_name) +
                                 "' is not a report name: give the report's technical name, "
                                 "e.g. \"account.report_invoice\"");
    if (ids.empty())
        throw ConfigurationError("report " + std::string(report_name) +
                                 ": give at least one record id to print");
    std::string path = "/report/pdf/" + std::string(report_name) + "/";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (ids[i] < 1)
            throw ConfigurationError("report " + std::string(report_name) + ": record id " +
                                     std::to_string(ids[i]) +
                                     " is not a valid id (ids start at 1)");
        if (i > 0) path += ',';
        path += std::to_string(ids[i]);
    }
    return path;
}

/// The PDF of report `report_name` ("account.report_invoice") for the records `ids`, one
/// document with a part per record: `GET /report/pdf/<report_name>/<ids>` through
/// `Client::web_get`, so the client needs a web session (a password, not an API key).
/// The answer must be `application/pdf` and start with "%PDF-".
/// \throws ConfigurationError as `report_pdf_path`; UnexpectedResponseError when the answer
///         says it is a PDF but is not one; what `Client::web_get` throws (MissingError for
///         a record that does not exist, UserError when the report refuses a record,
///         AccessError, UnexpectedResponseError for the login page or another answer ...).
/// Thread safety: as `Client::web_get` (any thread).
[[nodiscard]] inline std::vector<std::uint8_t> report_pdf(const Client& client,
                                                          std::string_view report_name,
                                                          std::span<const Id> ids) {
    const std::string path = report_pdf_path(report_name, ids);
    const core::Response response = client.web_get(path, "application/pdf");
    if (!response.body.starts_with("%PDF-"))
        throw UnexpectedResponseError(
            "the server's answer to GET " + path +
                " is labelled application/pdf but is no PDF (it does not start with %PDF-): '" +
                core::body_excerpt(response.body) +
                "'. A proxy may have rewritten it; check what sits in front of Odoo.",
            {}, response.status);
    return {response.body.begin(), response.body.end()};
}

}  // namespace odoobridge::odoo
