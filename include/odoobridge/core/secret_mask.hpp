#pragma once
/// \file
/// Keeps secrets out of the messages of errors that quote a server's answer (a portal, proxy
/// or error page echoing the request, password, API key or webhook code included).

#include <initializer_list>
#include <string>
#include <string_view>

namespace odoobridge::core {

/// `text` with every occurrence of each secret replaced by `shown_as` ("<redacted>" unless
/// given). Empty secrets are ignored; a replacement is not searched again, so a `shown_as`
/// that contains a secret cannot loop. Never throws except std::bad_alloc. Thread-safe.
[[nodiscard]] std::string mask_secrets(std::string text,
                                       std::initializer_list<std::string_view> secrets,
                                       std::string_view shown_as = "<redacted>");

/// Rethrows the exception being handled. An UnexpectedResponseError or
/// MalformedResponseError whose message quotes one of `secrets` is replaced by one of the
/// same class, endpoint, HTTP status and Retry-After with each secret shown as
/// "<redacted>"; empty secrets are ignored; any other exception is rethrown as it is.
/// Call only from inside a `catch` block. Thread-safe.
[[noreturn]] void rethrow_with_secrets_masked(std::initializer_list<std::string_view> secrets);

}  // namespace odoobridge::core
