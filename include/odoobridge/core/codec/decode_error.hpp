#pragma once
/// \file
/// `DecodeError`: an answer that is valid JSON (or XML-RPC) but does not fit the C++ type it
/// is decoded into.

#include <odoobridge/core/errors.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace odoobridge {

/// What did not fit, and where.
struct DecodeFailure {
    std::string model;                        ///< model decoded, e.g. "res.partner" ("" if none)
    std::optional<std::int64_t> record_id;    ///< the record's `id`, when the answer had one
    std::optional<std::size_t> record_index;  ///< position of the record in the answer
    std::string field;     ///< field name ("" when the answer's shape itself is wrong)
    std::string expected;  ///< what the C++ member accepts, e.g. "many2one [id, \"name\"]"
    std::string received;  ///< excerpt of the JSON received, e.g. "false"
};

/// A value in an answer has another type than the C++ member it is decoded into (a
/// `std::string` member receiving Odoo's `false`, an enum receiving an unknown selection
/// key, a list where a record was expected ...). Raised by the codec (core/codec.hpp) on
/// both the json and the bytes path. The message names the model, record id, field,
/// expected type and an excerpt of the value received, and says how to fix the member.
/// Immutable; safe to share between threads.
class DecodeError : public ProtocolError {
public:
    explicit DecodeError(DecodeFailure failure, std::string endpoint = {}, int http_status = 0);

    [[nodiscard]] const DecodeFailure& failure() const noexcept { return failure_; }
    [[nodiscard]] const std::string& model() const noexcept { return failure_.model; }
    [[nodiscard]] std::optional<std::int64_t> record_id() const noexcept {
        return failure_.record_id;
    }
    [[nodiscard]] const std::string& field() const noexcept { return failure_.field; }
    [[nodiscard]] const std::string& expected() const noexcept { return failure_.expected; }
    [[nodiscard]] const std::string& received() const noexcept { return failure_.received; }

private:
    DecodeFailure failure_;
};

}  // namespace odoobridge
