#pragma once
/// \file
/// The one generic codec: described structs (BOOST_DESCRIBE_STRUCT) ⇄ JSON values, with no
/// hand-written per-struct code (DESIGN rule 4).
///
/// Two decode paths give the same result and the same errors:
/// - from an `odoobridge::json` value (`record_from_json`, `records_from_json`): the dynamic
///   path, used for answers that already are json (XML-RPC);
/// - straight from the JSON text (`decode_records`, `decode_jsonrpc_result_records`), in
///   one forward pass with no intermediate DOM (core/codec/bytes.hpp): the typed path of
///   the JSON protocols.
///
/// One encode path: `to_values` (all fields but `id`), `to_values(record, &T::a, ...)` and
/// `Partial` (only the fields set), `encode_value` for single values.
///
/// Vendor conventions come from the `Dialect` template argument (core/codec/traits.hpp);
/// Odoo's is `odoo::Dialect`, and odoo/fields.hpp has the Odoo-flavoured shorthands
/// (`odoo::decode_records<T>` ...). Unknown fields in answers are ignored; members missing
/// from an answer keep their value; a value of the wrong type raises `DecodeError`.
///
/// All functions are reentrant and may run concurrently on different data.

#include <odoobridge/core/codec/bytes.hpp>
#include <odoobridge/core/codec/decode_error.hpp>
#include <odoobridge/core/codec/object.hpp>
#include <odoobridge/core/codec/reader.hpp>
#include <odoobridge/core/codec/traits.hpp>
#include <odoobridge/core/json.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace odoobridge::core {

/// Where an answer comes from, for error messages. All members may be left empty.
struct DecodeOrigin {
    std::string_view model;     ///< model decoded, e.g. "res.partner"
    std::string_view endpoint;  ///< redacted URL of the request
    int http_status = 0;        ///< HTTP status of the answer
};

/// The records of a JSON-RPC answer, or its error.
template <class T>
struct JsonRpcRecords {
    std::vector<T> records;     ///< the decoded `result` (empty when `error` is set)
    std::optional<json> error;  ///< the answer's `error` member as sent, for the protocol
                                ///< layer to map to its exception class
    /// True when the answer carried a result.
    [[nodiscard]] bool ok() const noexcept { return !error.has_value(); }
};

namespace codec_detail {

/// Asks the kernel to back the `bytes` at `data`, a record vector's fresh storage, with
/// transparent huge pages when they span at least 4 MiB (Linux; a no-op elsewhere, or when
/// THP is off): filling a vector of 100,000 records then takes a few dozen page faults
/// instead of one per 4 KiB, which is most of the time of a big decode. Never fails.
void advise_huge_pages(void* data, std::size_t bytes) noexcept;

inline DecodeState state_for(const DecodeOrigin& origin) {
    DecodeState state;
    state.model = origin.model;
    state.endpoint = origin.endpoint;
    state.http_status = origin.http_status;
    return state;
}

/// Collects the records of the bytes path. Reservations follow the walker's estimate but
/// never exceed four times the input's size in memory (with huge pages for big ones), and a
/// reservation that turned out far too large is given back.
template <class Dialect, class T>
class RecordSink {
public:
    RecordSink(std::vector<T>& out, std::size_t input_size)
        : out_(&out), max_records_(4 * input_size / sizeof(T) + 16) {}

    static void append(void* context, BytesValueReader& reader) {
        auto& sink = *static_cast<RecordSink*>(context);
        std::vector<T>& records = *sink.out_;
        if (records.size() == records.capacity()) sink.grow(2 * records.size() + 1);
        decode_record<Dialect>(reader, records.emplace_back());
    }
    static void reserve(void* context, std::size_t count) {
        auto& sink = *static_cast<RecordSink*>(context);
        sink.grow(std::min(count, sink.max_records_));
    }
    void finish() {
        if (out_->capacity() > 2 * out_->size() + 16) out_->shrink_to_fit();
    }

private:
    void grow(std::size_t capacity) {
        out_->reserve(capacity);
        advise_huge_pages(out_->data(), out_->capacity() * sizeof(T));
    }

    std::vector<T>* out_;
    std::size_t max_records_;
};

}  // namespace codec_detail

/// Decodes one record from a json object.
/// \throws DecodeError when `value` is not an object or a field does not fit its member.
template <DescribedStruct T, class Dialect = JsonDialect>
[[nodiscard]] T record_from_json(const json& value, const DecodeOrigin& origin = {}) {
    DecodeState state = codec_detail::state_for(origin);
    state.begin_record(std::nullopt);
    T record{};
    JsonValueReader reader(value, state);
    decode_record<Dialect>(reader, record);
    return record;
}

/// Decodes a json list of records (a `search_read` / `read` result).
/// \throws DecodeError when `list` is not a list, or as `record_from_json`.
template <DescribedStruct T, class Dialect = JsonDialect>
[[nodiscard]] std::vector<T> records_from_json(const json& list, const DecodeOrigin& origin = {}) {
    DecodeState state = codec_detail::state_for(origin);
    if (!list.is_array()) {
        JsonValueReader(list, state).fail("list of records");
        throw_decode_error(state);
    }
    std::vector<T> records;
    records.reserve(list.size());
    codec_detail::advise_huge_pages(records.data(), records.capacity() * sizeof(T));
    for (std::size_t i = 0; i < list.size(); ++i) {
        state.begin_record(i);
        JsonValueReader reader(list[i], state);
        decode_record<Dialect>(reader, records.emplace_back());
    }
    return records;
}

/// Decodes JSON text holding a list of records (a JSON-2 `search_read` body, or any JSON
/// list of objects) straight from the bytes, without a DOM.
/// \throws MalformedResponseError for invalid or truncated JSON; DecodeError when the text
///         is not a list or a field does not fit its member.
template <DescribedStruct T, class Dialect = JsonDialect>
[[nodiscard]] std::vector<T> decode_records(std::string_view json_text,
                                            const DecodeOrigin& origin = {}) {
    DecodeState state = codec_detail::state_for(origin);
    std::vector<T> records;
    using Sink = codec_detail::RecordSink<Dialect, T>;
    Sink sink(records, json_text.size());
    BytesWalker::record_list(json_text, state, &Sink::append, &Sink::reserve, &sink);
    sink.finish();
    return records;
}

/// Decodes the `result` list of a JSON-RPC answer (`/jsonrpc`, `/web/dataset/call_kw`)
/// straight from the bytes, without a DOM; an `error` answer is returned, not thrown, so
/// that the protocol layer maps it with its own error table.
/// \throws MalformedResponseError for invalid JSON or a body that is no JSON-RPC answer;
///         DecodeError when `result` is not a list or a field does not fit its member.
template <DescribedStruct T, class Dialect = JsonDialect>
[[nodiscard]] JsonRpcRecords<T> decode_jsonrpc_result_records(std::string_view envelope,
                                                              const DecodeOrigin& origin = {}) {
    DecodeState state = codec_detail::state_for(origin);
    JsonRpcRecords<T> answer;
    using Sink = codec_detail::RecordSink<Dialect, T>;
    Sink sink(answer.records, envelope.size());
    answer.error =
        BytesWalker::jsonrpc_result_list(envelope, state, &Sink::append, &Sink::reserve, &sink);
    sink.finish();
    return answer;
}

}  // namespace odoobridge::core
