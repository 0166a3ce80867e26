#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/secret_mask.hpp>
#include <string>

namespace odoobridge::core {

namespace {

/// `text` with every occurrence of each non-empty secret replaced by "<redacted>".
std::string masked(std::string text, std::initializer_list<std::string_view> secrets) {
    for (const std::string_view secret : secrets) {
        if (secret.empty()) continue;
        for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
            text.replace(at, secret.size(), "<redacted>");
    }
    return text;
}

}  // namespace

void rethrow_with_secrets_masked(std::initializer_list<std::string_view> secrets) {
    try {
        throw;
    } catch (const UnexpectedResponseError& error) {
        std::string message = masked(error.what(), secrets);
        if (message == error.what()) throw;
        throw UnexpectedResponseError(message, error.endpoint(), error.http_status(),
                                      error.retry_after());
    } catch (const MalformedResponseError& error) {
        std::string message = masked(error.what(), secrets);
        if (message == error.what()) throw;
        throw MalformedResponseError(message, error.endpoint(), error.http_status());
    }
}

}  // namespace odoobridge::core
