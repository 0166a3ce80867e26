#pragma once
/// \file
/// `rosdomofon::Client`: the RosDomofon REST API (rdba.rosdomofon.com) with a password-grant
/// token that is kept, renewed before it expires and renewed once more on a 401.

#include <chrono>
#include <cstdint>
#include <memory>
#include <odoobridge/core/codec/decode_error.hpp>
#include <odoobridge/core/http.hpp>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/core/options.hpp>
#include <odoobridge/core/retry.hpp>
#include <odoobridge/rosdomofon/errors.hpp>
#include <odoobridge/rosdomofon/message_pager.hpp>
#include <odoobridge/rosdomofon/phone.hpp>
#include <odoobridge/rosdomofon/types.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace odoobridge::rosdomofon {

/// Everything `Client` needs. Plain struct; `validate()` runs in the constructor.
struct ClientOptions {
    /// Base URL of the service; the paths `/authserver-service/...` and
    /// `/abonents-service/api/v1/...` are appended.
    std::string url = "https://rdba.rosdomofon.com";
    std::string username;  ///< API login
    std::string password;  ///< API password: never logged, never in an error message
    /// Transport settings used when `transport` is null.
    core::TransportOptions transport_options;
    /// A transport to use instead of a new `CurlTransport` (tests, shared pools).
    std::shared_ptr<core::Transport> transport;
    core::LoggerPtr logger;  ///< null = silent
    /// Retries of calls safe to repeat (reads, block/unblock, the token request).
    core::RetryPolicy retry;
    /// A token is renewed this long before the server's `expires_in` runs out (at most
    /// half its lifetime).
    std::chrono::seconds token_renew_margin{30};

    /// \throws ConfigurationError naming the missing or invalid field.
    void validate() const;
};

/// An authenticated RosDomofon REST connection.
///
/// The first call fetches a token (`POST /authserver-service/oauth/token`, password grant,
/// `client_id=machine`); later calls reuse it until shortly before it expires. A call
/// answered 401 gets one fresh token and is sent once more; a second 401 throws
/// `AuthenticationError`.
///
/// Errors: `PhoneNumberError`/`ConfigurationError` for bad arguments (before any request);
/// `AuthenticationError`, `AccessError`, `NotFoundError`, `ValidationError`,
/// `rosdomofon::ServerError` for the server's refusals; `TransportError`,
/// `UnexpectedResponseError`, `MalformedResponseError`, `DecodeError` otherwise. Reads and
/// block/unblock are retried on transient failures (`ClientOptions::retry`); creations and
/// messages are never sent twice behind the caller's back.
///
/// Thread safety: every method may be called from several threads at once; concurrent
/// first calls fetch one token. Copies share the connection and the token.
class Client {
public:
    /// Checks the options; no request is sent until the first call.
    /// \throws ConfigurationError for bad options.
    explicit Client(ClientOptions options);

    /// Fetches a new token now (calls do this by themselves when needed).
    /// \throws AuthenticationError when the username or password is refused.
    void authenticate() const;

    /// All accounts of the company (`GET /accounts`).
    [[nodiscard]] std::vector<Account> accounts() const;
    /// The account whose owner has `phone` (a filter of `accounts()`), if any.
    [[nodiscard]] std::optional<Account> account_by_phone(const Phone& phone) const;
    /// Creates an account (`POST /accounts`, `{"number", "phone"}`).
    /// \throws ConfigurationError when `number` is empty or `phone` is empty.
    [[nodiscard]] CreatedAccount create_account(std::string_view number, const Phone& phone) const;
    /// Creates a flat (`POST /flats`).
    /// \throws ConfigurationError when `flatNumber` or `entranceId` is empty.
    [[nodiscard]] Flat create_flat(const NewFlat& flat) const;
    /// The services offered at an entrance (`GET /entrances/{id}/services`).
    [[nodiscard]] std::vector<Service> entrance_services(std::int64_t entrance_id) const;
    /// Connects a service to a flat (`POST /services/{id}/connections`); returns the new
    /// connection's id.
    [[nodiscard]] std::int64_t connect_service(std::int64_t service_id, std::int64_t flat_id,
                                               std::optional<std::int64_t> account_id = {}) const;
    /// The service connections of an account (`GET /accounts/{id}/connections`).
    [[nodiscard]] std::vector<Connection> account_connections(std::int64_t account_id) const;
    /// The connections of a service (`GET /services/{id}/connections`).
    [[nodiscard]] std::vector<Connection> service_connections(std::int64_t service_id) const;

    /// Blocks an account (`PUT /accounts/{account}/block`). `account` is put into the path
    /// as given (percent-encoded): RosDomofon's public client passes the account *number*;
    /// whether the id works too is unconfirmed.
    void block_account(std::string_view account) const;
    /// Unblocks an account (`DELETE /accounts/{account}/block`); see `block_account`.
    void unblock_account(std::string_view account) const;
    /// Blocks one service connection (`PUT /services_connections/{id}/block`).
    void block_connection(std::int64_t connection_id) const;
    /// Unblocks one service connection (`DELETE /services_connections/{id}/block`).
    void unblock_connection(std::int64_t connection_id) const;

    /// Sends a push message (`POST /messages`, `deliveryMethod` "push") to one or more
    /// abonents, each named by id, phone or both.
    /// \throws ConfigurationError when `recipients` is empty, a recipient has neither id
    ///         nor phone, or `text` or `channel` is empty.
    void send_message(const std::vector<Recipient>& recipients, std::string_view text,
                      std::string_view channel = "support") const;

    /// One page of an abonent's messages (`GET /abonents/{id}/messages`).
    /// \throws ConfigurationError when `page < 0` or `query.page_size` is not in 1..1000.
    [[nodiscard]] MessagePage abonent_messages_page(std::int64_t abonent_id, std::int64_t page,
                                                    const MessageQuery& query = {}) const;
    /// All messages of an abonent, fetched page by page as the range is iterated.
    /// \throws ConfigurationError (at once) for a bad `query.page_size`.
    [[nodiscard]] MessagePager abonent_messages(std::int64_t abonent_id,
                                                MessageQuery query = {}) const;

    /// The options in force (the password included: do not log them).
    [[nodiscard]] const ClientOptions& options() const noexcept;

private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace odoobridge::rosdomofon
