#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/options.hpp>

namespace odoobridge::core {

void TransportOptions::validate() const {
    if (connect_timeout.count() <= 0)
        throw ConfigurationError("TransportOptions.connect_timeout must be positive (got " +
                                 std::to_string(connect_timeout.count()) + " ms)");
    if (total_timeout.count() <= 0)
        throw ConfigurationError("TransportOptions.total_timeout must be positive (got " +
                                 std::to_string(total_timeout.count()) + " ms)");
    if (max_response_bytes == 0)
        throw ConfigurationError("TransportOptions.max_response_bytes must be at least 1");
    if (max_connections < 1 || max_connections > 256)
        throw ConfigurationError("TransportOptions.max_connections must be between 1 and 256 (got " +
                                 std::to_string(max_connections) + ")");
}

}  // namespace odoobridge::core
