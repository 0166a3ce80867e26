#include <odoobridge/rosdomofon/errors.hpp>
#include <utility>

namespace odoobridge::rosdomofon {

namespace {

std::string describe(const ErrorDetails& details) {
    std::string text = "RosDomofon refused";
    if (!details.operation.empty()) text += " " + details.operation;
    if (!details.method.empty()) text += " (" + details.method;
    if (!details.endpoint.empty()) text += (details.method.empty() ? " (" : " ") + details.endpoint;
    if (!details.method.empty() || !details.endpoint.empty()) text += ")";
    if (details.http_status != 0) text += " with HTTP " + std::to_string(details.http_status);
    if (!details.error.empty()) text += " " + details.error;
    text += ": ";
    text +=
        details.server_message.empty() ? "(no message from the server)" : details.server_message;
    switch (details.http_status) {
        case 401:
            text +=
                ". Check the username and password (ClientOptions) and that the account "
                "may use the API";
            break;
        case 403:
            text += ". The account lacks the right for this operation; ask RosDomofon support";
            break;
        case 404:
            text += ". Check the id in the request: it names no existing object";
            break;
        default:
            break;
    }
    return text;
}

std::string describe_handler_failure(const std::string& topic, std::int32_t partition,
                                     std::int64_t offset, int attempts,
                                     const std::exception_ptr& cause) {
    std::string reason = "unknown exception";
    try {
        if (cause) std::rethrow_exception(cause);
    } catch (const std::exception& error) {
        reason = error.what();
    } catch (...) {
    }
    return "the Kafka message handler failed " + std::to_string(attempts) +
           (attempts == 1 ? " time" : " times") + " on " + topic + " partition " +
           std::to_string(partition) + " offset " + std::to_string(offset) + ": " + reason +
           ". The offset was not committed: fix the cause and start the consumer again to "
           "receive the message again";
}

}  // namespace

ServerError::ServerError(ErrorDetails details)
    : odoobridge::ServerError(describe(details), details.endpoint), details_(std::move(details)) {}

void throw_server_error(ErrorDetails details) {
    switch (details.http_status) {
        case 401:
            throw AuthenticationError(std::move(details));
        case 403:
            throw AccessError(std::move(details));
        case 404:
            throw NotFoundError(std::move(details));
        case 400:
        case 409:
        case 422:
            throw ValidationError(std::move(details));
        default:
            throw ServerError(std::move(details));
    }
}

PhoneNumberError::PhoneNumberError(std::string input, std::string reason)
    : ConfigurationError("invalid phone number '" + input + "': " + reason +
                         ". A RosDomofon phone is 11 digits starting with 7, e.g. 79061234567; "
                         "'+7 (906) 123-45-67' and '8 906 123 45 67' are accepted too"),
      input_(std::move(input)),
      reason_(std::move(reason)) {}

KafkaError::KafkaError(const std::string& message, int code, std::string code_name, bool fatal)
    : TransportError(message), code_(code), code_name_(std::move(code_name)), fatal_(fatal) {}

HandlerFailedError::HandlerFailedError(std::string topic, std::int32_t partition,
                                       std::int64_t offset, int attempts, std::exception_ptr cause)
    : Error(describe_handler_failure(topic, partition, offset, attempts, cause)),
      topic_(std::move(topic)),
      partition_(partition),
      offset_(offset),
      cause_(std::move(cause)) {}

}  // namespace odoobridge::rosdomofon
