#include "wire.hpp"

namespace odoobridge::rosdomofon::detail {

json without_nulls(json value) {
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end();) {
            if (it->is_null()) {
                it = value.erase(it);
            } else {
                *it = without_nulls(std::move(*it));
                ++it;
            }
        }
    } else if (value.is_array()) {
        for (auto& element : value) element = without_nulls(std::move(element));
    }
    return value;
}

std::string dump_json(const json& value, std::string_view what) {
    try {
        return value.dump();
    } catch (const json::type_error&) {
        throw ConfigurationError(std::string(what) +
                                 " contains text that is not valid UTF-8; convert it to UTF-8 "
                                 "before sending it to RosDomofon");
    }
}

}  // namespace odoobridge::rosdomofon::detail
