#pragma once
/// \file
/// The compiled walkers of the bytes path (src/core/codec_bytes.cpp). They read JSON text
/// in one forward pass, without building a DOM, checking its grammar as they go (values
/// that no member reads included), and hand each record to a callback as a
/// `BytesValueReader`; the templates of core/codec.hpp supply the callbacks.
///
/// Thread safety: the walkers keep no shared state; they may run concurrently, and a
/// callback may start another walk.

#include <odoobridge/core/codec/reader.hpp>
#include <odoobridge/core/json.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace odoobridge::core {

/// Entry points of the compiled walker (used by the templates of core/codec.hpp).
struct BytesWalker {
    /// Told, once the first record is decoded, how many records the list probably holds
    /// (an estimate from the first record's size, to reserve storage).
    using ReserveCallback = void (*)(void* context, std::size_t count);

    /// Walks `text`, which must be a JSON list: calls `callback` for each element after
    /// `state.begin_record(index)`, and `reserve` (when not null) before the second one.
    /// \throws MalformedResponseError for invalid or truncated JSON, or trailing content;
    ///         DecodeError when `text` is valid JSON but not a list; whatever the callback
    ///         throws.
    static void record_list(std::string_view text, DecodeState& state,
                            BytesValueReader::ElementCallback callback, ReserveCallback reserve,
                            void* context);

    /// Walks a JSON-RPC 2.0 answer `{"jsonrpc": "2.0", "id": .., "result": [..]}`: calls
    /// `reserve` and `callback` for `result` as `record_list` does and returns nothing, or
    /// returns the `error` member parsed into json (error answers are small) without calling
    /// `callback`.
    /// \throws MalformedResponseError for invalid JSON, an answer that is not a JSON object or
    ///         has neither `result` nor `error`; DecodeError when `result` is not a list;
    ///         whatever the callback throws.
    static std::optional<json> jsonrpc_result_list(std::string_view text, DecodeState& state,
                                                   BytesValueReader::ElementCallback callback,
                                                   ReserveCallback reserve, void* context);

private:
    struct Records;  // reading the list of records (codec_bytes.cpp)
};

}  // namespace odoobridge::core
