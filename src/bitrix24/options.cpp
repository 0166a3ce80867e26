#include <cmath>
#include <odoobridge/bitrix24/options.hpp>
#include <odoobridge/core/errors.hpp>

#include "auth.hpp"

namespace odoobridge::bitrix24 {

void RateLimit::validate() const {
    if (burst < 1)
        throw ConfigurationError(
            "RateLimit.burst must be at least 1 (the portal's default is 50, "
            "Enterprise 250), got " +
            std::to_string(burst));
    if (!(per_second > 0.0) || !std::isfinite(per_second))
        throw ConfigurationError(
            "RateLimit.per_second must be a positive number (the portal's "
            "default is 2, Enterprise 5), got " +
            std::to_string(per_second));
}

void ClientOptions::validate() const {
    detail::validate_credentials(credentials);
    rate_limit.validate();
    if (operating_budget.count() <= 0)
        throw ConfigurationError(
            "ClientOptions.operating_budget must be positive (the portal's "
            "documented budget is 480 s), got " +
            std::to_string(operating_budget.count()) + " ms");
    retry.validate();
    if (!transport) transport_options.validate();
}

}  // namespace odoobridge::bitrix24
