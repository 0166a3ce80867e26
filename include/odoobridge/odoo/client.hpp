#pragma once
/// \file
/// `odoo::Client`: one authenticated connection to one Odoo database, over any of the
/// four protocols, with a default context and retries for calls safe to repeat.

#include <memory>
#include <odoobridge/core/http.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/core/options.hpp>
#include <odoobridge/core/retry.hpp>
#include <odoobridge/odoo/errors.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace odoobridge::odoo {

/// Everything `Client::connect` needs. Plain struct; `validate()` runs in `connect`.
struct ClientOptions {
    std::string url;       ///< "https://erp.example.kz" (a trailing slash is fine)
    std::string database;  ///< database name (`X-Odoo-Database` on JSON-2)
    Credentials credentials;
    ProtocolKind protocol = ProtocolKind::automatic;
    /// Default context sent with every call (e.g. {"lang":"ru_RU","tz":"Asia/Almaty",
    /// "allowed_company_ids":[1]}); a call's own context keys win over these.
    json context = json::object();
    /// Transport settings used when `transport` is null.
    core::TransportOptions transport_options;
    /// A transport to use instead of a new `CurlTransport` (tests, shared pools).
    std::shared_ptr<core::Transport> transport;
    core::LoggerPtr logger;  ///< null = silent
    /// Retries for calls safe to repeat (reads, or calls marked `idempotent`).
    core::RetryPolicy retry;

    /// \throws ConfigurationError naming the missing or invalid field.
    void validate() const;
};

template <Record T>
class Model;
class DynamicModel;

/// Per-call settings.
struct CallOptions {
    /// Context keys for this call; merged over the client's default context.
    json context = json::object();
    /// The caller vouches that sending this call twice is harmless, so it may be retried.
    /// Reads (search, read, search_read, search_count, fields_get, name_search,
    /// read_group, exists, check_access_rights, default_get) are always retried.
    bool idempotent = false;
};

/// An authenticated Odoo connection.
///
/// Thread safety: all const and non-const methods may be called from several threads at
/// once; calls run concurrently over the transport's connection pool. Copies share one
/// connection (cheap, reference-counted).
class Client {
public:
    /// Resolves `automatic`, authenticates, and returns a ready client.
    /// \throws ConfigurationError for bad options; AuthenticationError for bad
    ///         credentials; TransportError/ProtocolError when the server cannot be reached
    ///         or is not Odoo.
    [[nodiscard]] static Client connect(ClientOptions options);

    /// The server's version (cached from connect when known).
    [[nodiscard]] ServerVersion version() const;
    /// The authenticated user's id.
    [[nodiscard]] int uid() const noexcept;
    /// The protocol in use (never `automatic`).
    [[nodiscard]] ProtocolKind protocol() const noexcept;
    /// The default context sent with each call.
    [[nodiscard]] const json& context() const noexcept;
    /// The databases the server lists.
    [[nodiscard]] std::vector<std::string> list_databases() const;

    /// Calls `model.method(*args, **kwargs)` and returns the raw result.
    /// \throws the `odoo::ServerError` subclass of the server's error, or transport and
    ///         protocol errors; reads are retried on transient failures, writes are not.
    [[nodiscard]] json execute_kw(std::string_view model, std::string_view method,
                                  json args = json::array(), json kwargs = json::object(),
                                  const CallOptions& options = {}) const;

    /// Runs independent calls concurrently over a few connections; one outcome per call,
    /// in order. The default context is applied to each. No retries.
    [[nodiscard]] std::vector<core::Outcome<json>> execute_many(std::vector<Call> calls) const;

    /// Runs `model.method(*args, **kwargs)`, a call whose result is a list of records
    /// (`search_read`, `read` ...), and lets `receiver` decode the answer, straight from the
    /// response body where the protocol allows it. This is the typed read path of
    /// `Model<T>`; use it to decode your own read-only methods into typed records. Context
    /// and retries as `execute_kw` (the receiver is called again on a retry).
    /// \throws what `execute_kw` throws, and DecodeError from the receiver.
    void execute_records(std::string_view model, std::string_view method, json args, json kwargs,
                         RecordsReceiver& receiver, const CallOptions& options = {}) const;

    /// GETs `path` ("/report/pdf/account.report_invoice/7") with an authenticated web
    /// session, for the routes of Odoo's web client that have no RPC equivalent (report
    /// PDFs, /web/content downloads). On the session protocol the client's own session is
    /// used; on the others a web session is opened with the same credentials on first use
    /// and kept. Odoo refuses API keys for web logins: a client that logs in with an API
    /// key cannot use web routes (Odoo's login page comes back).
    ///
    /// `expected_media_type` is what a successful answer is ("application/pdf"; empty: any).
    /// Odoo sends a request whose session expired to its login page, so a redirect to
    /// /web/login, or an HTML page where another type was expected, renews the session
    /// once and the GET is sent again. Returns the answer only when it is HTTP 200 of the
    /// expected type. Not retried on transient failures.
    /// 	hrows ConfigurationError when `path` does not start with '/' or the client has no
    ///         database name; AuthenticationError when the web login is refused; for the
    ///         route's own errors (werkzeug error pages): MissingError / UserError (HTTP 400),
    ///         AccessError (403), ServerError (500, cause hidden by Odoo);
    ///         UnexpectedResponseError for any other answer (404, the login page, a proxy's
    ///         page, another content type); transport errors.
    [[nodiscard]] core::Response web_get(std::string_view path,
                                         std::string_view expected_media_type = {}) const;

    /// The typed model of record type `T` (`T::odoo_model`). Defined in odoo/model.hpp:
    /// include it (or odoobridge/odoo.hpp) to call this.
    template <Record T>
    [[nodiscard]] Model<T> model() const;
    /// The untyped model `name` ("crm.lead"). Declared with `DynamicModel` in odoo/model.hpp.
    /// \throws ConfigurationError when `name` is empty.
    [[nodiscard]] DynamicModel model(std::string_view name) const;

private:
    struct State;
    explicit Client(std::shared_ptr<State> state);
    std::shared_ptr<State> state_;
};

}  // namespace odoobridge::odoo
