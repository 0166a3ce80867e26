#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/secret_mask.hpp>
#include <string>

namespace odoobridge::core {

std::string mask_secrets(std::string text, std::initializer_list<std::string_view> secrets,
                         std::string_view shown_as) {
    for (const std::string_view secret : secrets) {
        if (secret.empty()) continue;
        for (auto at = text.find(secret); at != std::string::npos;
             at = text.find(secret, at + shown_as.size()))
            text.replace(at, secret.size(), shown_as);
    }
    return text;
}

void rethrow_with_secrets_masked(std::initializer_list<std::string_view> secrets) {
    try {
        throw;
    } catch (const UnexpectedResponseError& error) {
        std::string message = mask_secrets(error.what(), secrets);
        if (message == error.what()) throw;
        throw UnexpectedResponseError(message, error.endpoint(), error.http_status(),
                                      error.retry_after());
    } catch (const MalformedResponseError& error) {
        std::string message = mask_secrets(error.what(), secrets);
        if (message == error.what()) throw;
        throw MalformedResponseError(message, error.endpoint(), error.http_status());
    }
}

}  // namespace odoobridge::core
