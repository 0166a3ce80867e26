#pragma once
// The baseline of the read benchmark: the least a libcurl program can do to send the same
// request again and again over one keep-alive connection (no parsing of the answer).

#include <odoobridge/core/http.hpp>
#include <string>

#include "measure.hpp"

namespace bench {

/// Sends `request` (method, URL, headers and body exactly as given, plus the User-Agent and
/// Accept-Encoding headers `CurlTransport` adds) `warmup + calls` times through one curl
/// easy handle and times the last `calls`. `connections` is left -1.
/// \throws std::runtime_error when a call fails or answers anything but HTTP 200.
Measurement plain_curl_loop(const odoobridge::core::Request& request, long calls, long warmup);

/// Sends `request` `calls` times over `connections` connections at once through curl's
/// multi interface (after `warmup` untimed calls that open the connections): the most one
/// thread driving libcurl can get out of several connections. `connections` is left -1.
/// \throws std::runtime_error when a call fails or answers anything but HTTP 200.
Measurement plain_curl_multi(const odoobridge::core::Request& request, long calls, long warmup,
                             int connections);

/// The number of connections `canned_odoo_server` has accepted so far (GET /bench/stats on
/// a new connection, which is itself counted).
/// \throws std::runtime_error when the server does not answer.
long server_connections(const std::string& base_url);

}  // namespace bench
