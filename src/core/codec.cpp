// The non-template parts of the codec: DecodeError's message, the json reader's kind and
// failure reporting, base64, the huge-page advice for record vectors.

#include <odoobridge/core/codec.hpp>
#include <odoobridge/core/codec/base64.hpp>

#include <array>
#include <cstdint>
#include <limits>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace odoobridge {
namespace {

std::string describe_failure(const DecodeFailure& failure, const std::string& endpoint) {
    std::string message = "cannot decode ";
    if (failure.field.empty() && !failure.record_index && !failure.record_id) {
        message += failure.model.empty() ? "the answer" : "the " + failure.model + " answer";
    } else {
        message += failure.model.empty() ? "record" : failure.model + " record";
        if (failure.record_id) message += " " + std::to_string(*failure.record_id);
        if (failure.record_index)
            message += " (index " + std::to_string(*failure.record_index) + " in the answer)";
    }
    if (!endpoint.empty()) message += " from " + endpoint;
    message += ": ";
    if (!failure.field.empty()) message += "field '" + failure.field + "' ";
    message += "expected " + failure.expected + ", received " + failure.received + ". ";
    if (failure.field.empty()) {
        message +=
            "Check that the call returns records (search_read, read) and that the answer "
            "belongs to this call.";
    } else if (failure.received == "false" || failure.received == "null") {
        message += "The server sends " + failure.received +
                   " for an empty field: declare the member as std::optional<...> to accept it.";
    } else if (failure.expected.starts_with("one of the keys")) {
        message +=
            "Add the key to the enum and its BOOST_DESCRIBE_ENUM, or declare the member as "
            "std::string to accept any key.";
    } else {
        message +=
            "Change the member's C++ type to one that accepts this value (fields_get lists "
            "the field's type on the server), or leave the field out of the struct.";
    }
    return message;
}

}  // namespace

DecodeError::DecodeError(DecodeFailure failure, std::string endpoint, int http_status)
    : ProtocolError(describe_failure(failure, endpoint), endpoint, http_status),
      failure_(std::move(failure)) {}

namespace core {

std::string_view to_string(ValueKind kind) noexcept {
    switch (kind) {
        case ValueKind::null:
            return "null";
        case ValueKind::boolean_false:
            return "false";
        case ValueKind::boolean_true:
            return "true";
        case ValueKind::integer:
            return "integer";
        case ValueKind::floating:
            return "number";
        case ValueKind::string:
            return "string";
        case ValueKind::array:
            return "list";
        case ValueKind::object:
            return "object";
    }
    return "unknown";
}

void throw_decode_error(const DecodeState& state) {
    DecodeFailure failure;
    failure.model = std::string(state.model);
    failure.record_id = state.record_id;
    failure.record_index = state.record_index;
    failure.field = std::string(state.field);
    failure.expected = state.expected;
    failure.received = state.received;
    throw DecodeError(std::move(failure), std::string(state.endpoint), state.http_status);
}

ValueKind JsonValueReader::kind() const noexcept {
    switch (value_->type()) {
        case json::value_t::boolean:
            return value_->get<bool>() ? ValueKind::boolean_true : ValueKind::boolean_false;
        case json::value_t::number_integer:
            return ValueKind::integer;
        case json::value_t::number_unsigned:
            return value_->get<std::uint64_t>() <=
                           static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                       ? ValueKind::integer
                       : ValueKind::floating;
        case json::value_t::number_float:
            return ValueKind::floating;
        case json::value_t::string:
            return ValueKind::string;
        case json::value_t::array:
            return ValueKind::array;
        case json::value_t::object:
            return ValueKind::object;
        case json::value_t::null:
        case json::value_t::binary:
        case json::value_t::discarded:
            return ValueKind::null;
    }
    return ValueKind::null;
}

void JsonValueReader::fail(std::string_view expected) const {
    if (state_->failed) return;
    state_->record_failure(
        expected, body_excerpt(value_->dump(-1, ' ', false, json::error_handler_t::replace), 80));
}

namespace {

constexpr std::string_view base64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> base64_values = [] {
    std::array<std::int8_t, 256> values{};
    values.fill(-1);
    for (std::size_t i = 0; i < base64_alphabet.size(); ++i)
        values[static_cast<unsigned char>(base64_alphabet[i])] = static_cast<std::int8_t>(i);
    return values;
}();

}  // namespace

std::string base64_encode(std::span<const std::uint8_t> bytes) {
    std::string text;
    text.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t group =
            (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
        text += base64_alphabet[(group >> 18) & 63];
        text += base64_alphabet[(group >> 12) & 63];
        text += base64_alphabet[(group >> 6) & 63];
        text += base64_alphabet[group & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t group = std::uint32_t{bytes[i]} << 16;
        if (rest == 2) group |= std::uint32_t{bytes[i + 1]} << 8;
        text += base64_alphabet[(group >> 18) & 63];
        text += base64_alphabet[(group >> 12) & 63];
        text += rest == 2 ? base64_alphabet[(group >> 6) & 63] : '=';
        text += '=';
    }
    return text;
}

std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text) {
    std::vector<std::uint8_t> bytes;
    bytes.reserve(text.size() / 4 * 3);
    std::uint32_t group = 0;
    int count = 0;    // sextets in `group`
    int padding = 0;  // '=' seen
    for (const char c : text) {
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t') continue;
        if (c == '=') {
            ++padding;
            continue;
        }
        const std::int8_t value = base64_values[static_cast<unsigned char>(c)];
        if (value < 0 || padding > 0) return std::nullopt;  // bad character, or data after '='
        group = (group << 6) | static_cast<std::uint32_t>(value);
        if (++count == 4) {
            bytes.push_back(static_cast<std::uint8_t>(group >> 16));
            bytes.push_back(static_cast<std::uint8_t>(group >> 8));
            bytes.push_back(static_cast<std::uint8_t>(group));
            group = 0;
            count = 0;
        }
    }
    // A final group of 2 or 3 sextets holds 1 or 2 bytes; padding must complete it to 4.
    if (count == 1 || padding > 2 || (padding > 0 && count + padding != 4)) return std::nullopt;
    if (count == 2) bytes.push_back(static_cast<std::uint8_t>(group >> 4));
    if (count == 3) {
        bytes.push_back(static_cast<std::uint8_t>(group >> 10));
        bytes.push_back(static_cast<std::uint8_t>(group >> 2));
    }
    return bytes;
}

void codec_detail::advise_huge_pages(void* data, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
    if (bytes < 2 * huge_page) return;
    // Only the whole huge pages inside the block: madvise needs an aligned start, and the
    // advice must not reach memory the block does not own.
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t begin = (start + huge_page - 1) & ~(huge_page - 1);
    const std::uintptr_t end = (start + bytes) & ~(huge_page - 1);
    if (end > begin) (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

}  // namespace core
}  // namespace odoobridge
