#pragma once
// Private helpers shared by the REST client and the Kafka producer: records to JSON text
// without null members (RosDomofon expects absent fields, not nulls).

#include <odoobridge/core/codec.hpp>
#include <odoobridge/core/errors.hpp>
#include <string>
#include <string_view>

namespace odoobridge::rosdomofon::detail {

/// `value` with every null member of every object removed (recursively; list elements
/// that are null stay).
[[nodiscard]] json without_nulls(json value);

/// Compact UTF-8 JSON text of `value`.
/// \throws ConfigurationError when a string in `value` is not valid UTF-8; `what` names
///         the value in the message (e.g. "the message text").
[[nodiscard]] std::string dump_json(const json& value, std::string_view what);

/// The wire JSON of a described record, nulls left out.
template <class T>
[[nodiscard]] std::string to_wire(const T& record, std::string_view what) {
    return dump_json(without_nulls(core::encode_value<core::JsonDialect>(record)), what);
}

}  // namespace odoobridge::rosdomofon::detail
