#pragma once
// Shared pieces of the libFuzzer targets (fuzz/*.cpp; docs/testing.md, "Fuzzing").
//
// Every target feeds the fuzzer's bytes to the same entry point production code uses and
// accepts only the documented outcomes: a value, or an `odoobridge::Error` subclass. Any
// other exception, a crash, a sanitizer report or a leak is a finding. `run_decoder` also
// checks that no error message quotes the secrets the targets configure.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/http.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace odoobridge::fuzz {

/// The password / API key / token every target configures. No seed contains it; an error
/// message that quotes it while the input does not leaked it from the configuration. (The
/// fuzzer soon learns the string from the comparisons and puts it into answers: a server
/// that echoes it may be quoted.)
inline constexpr std::string_view secret = "fz-Secret-9c41d7";

/// The bytes of the input being run, for `check_no_secret`.
inline std::string_view current_input;

/// The input as text; also records it as the current input.
inline std::string_view raw_input(const std::uint8_t* data, std::size_t size) {
    current_input = std::string_view(reinterpret_cast<const char*>(data), size);
    return current_input;
}

/// The fuzzer's bytes split into a selector byte (which variant of the decoder to drive:
/// status, content type, operation; each target documents its bits) and the body.
struct Input {
    std::uint8_t selector = 0;
    std::string_view body;

    Input(const std::uint8_t* data, std::size_t size) {
        raw_input(data, size);
        if (size == 0) return;
        selector = data[0];
        body = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
    }
};

/// Reports a finding and aborts, so that libFuzzer saves the input.
[[noreturn]] inline void finding(std::string_view what, std::string_view detail) {
    std::fprintf(stderr, "FUZZ FINDING: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

/// Aborts when `message` contains the configured secret and the input does not.
inline void check_no_secret(std::string_view message) {
    if (message.find(secret) != std::string_view::npos &&
        current_input.find(secret) == std::string_view::npos)
        finding("an error message quotes the configured secret", message);
}

/// Runs `decode`; an `odoobridge::Error` is an expected outcome (its message is checked for
/// the secret), anything else thrown is a finding.
template <class Decode>
void run_decoder(Decode&& decode) {
    try {
        std::forward<Decode>(decode)();
    } catch (const Error& error) {
        check_no_secret(error.what());
    } catch (const std::exception& error) {
        finding("unexpected exception type (not odoobridge::Error)", error.what());
    } catch (...) {
        finding("unexpected exception", "not derived from std::exception");
    }
}

/// A transport that answers each request with `answer(request, index)` (index counts the
/// requests sent through it) and fails with ConnectionError after `limit` requests, so that
/// a decoder that keeps asking (pagers, renewals) ends. Keeps no history.
class ScriptedTransport final : public core::Transport {
public:
    using Answer = std::function<core::Response(const core::Request&, int index)>;

    explicit ScriptedTransport(Answer answer, int limit = 8)
        : answer_(std::move(answer)), limit_(limit) {}

    core::Response send(const core::Request& request) override {
        if (sent_ >= limit_)
            throw ConnectionError("fuzz transport: no answer after " + std::to_string(limit_) +
                                  " requests");
        return answer_(request, sent_++);
    }

    /// Starts counting again (for transports kept across inputs).
    void reset() noexcept { sent_ = 0; }

private:
    Answer answer_;
    int limit_;
    int sent_ = 0;
};

/// A response with `status`, content type `media_type` (none when empty) and `body`.
inline core::Response response(int status, std::string_view media_type, std::string_view body) {
    core::Response answer;
    answer.status = status;
    if (!media_type.empty()) answer.headers.emplace_back("Content-Type", std::string(media_type));
    answer.body = std::string(body);
    return answer;
}

}  // namespace odoobridge::fuzz
