#pragma once
/// \file
/// One interface, four wire protocols (DESIGN rule 3). Every implementation turns the same
/// `Call` into its own request, and the same server answer into the same value or the same
/// exception class. `odoo::Client` is the public face; use `Protocol` directly only to add
/// a protocol or to test one.

#include <atomic>
#include <memory>
#include <odoobridge/core/codec.hpp>
#include <odoobridge/core/http.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/core/outcome.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace odoobridge::odoo {

/// Which wire protocol a client speaks.
enum class ProtocolKind {
    automatic,  ///< ask the server: JSON-2 on Odoo >= 19 with an API key, else JSON-RPC
    xmlrpc,     ///< POST /xmlrpc/2/{common,object,db}
    jsonrpc,    ///< POST /jsonrpc
    session,    ///< POST /web/session/authenticate + /web/dataset/call_kw/<model>/<method>
    json2,      ///< POST /json/2/<model>/<method> with a bearer API key (Odoo >= 19)
};

/// "automatic" | "xmlrpc" | "jsonrpc" | "session" | "json2".
[[nodiscard]] std::string_view to_string(ProtocolKind kind) noexcept;
/// Parses the names of `to_string` (and "auto").
/// \throws ConfigurationError listing the accepted names.
[[nodiscard]] ProtocolKind parse_protocol_kind(std::string_view name);

/// Login and password.
struct Password {
    std::string login;
    std::string password;
};
/// Login and API key (Odoo >= 14; the only credential JSON-2 accepts).
struct ApiKey {
    std::string login;
    std::string key;
};
using Credentials = std::variant<Password, ApiKey>;

/// The login of `credentials`.
[[nodiscard]] const std::string& login_of(const Credentials& credentials) noexcept;
/// The password or API key of `credentials` (a secret: never log it).
[[nodiscard]] const std::string& secret_of(const Credentials& credentials) noexcept;

/// One ORM call, as `execute_kw` takes it: positional `args` (a JSON array) and keyword
/// `kwargs` (a JSON object, `context` included).
struct Call {
    std::string model;
    std::string method;
    json args = json::array();
    json kwargs = json::object();
};

/// The server's version, the same from every protocol.
struct ServerVersion {
    std::string version;  ///< "16.0", "19.0", "saas~17.4" ...
    int major = 0;        ///< 16, 19 ...
    int minor = 0;
    json raw;  ///< the answer as the server sent it
};

/// What every protocol needs to reach one database.
struct Connection {
    std::string url;  ///< base URL, e.g. "https://erp.example.kz" (no trailing slash)
    std::string database;
    Credentials credentials;
    std::shared_ptr<core::Transport> transport;
    core::LoggerPtr logger;  ///< never null once given to a protocol
};

/// Takes the answer of a call whose result is a list of records (`search_read`, `read`) and
/// decodes it into the caller's records, straight from the response body where the protocol
/// allows it: the typed read path of `Model<T>`, which needs no dynamic value in between.
/// A protocol calls exactly one member per answer, on the thread that called
/// `Protocol::execute_records`; a retried call calls it again, so a receiver replaces what it
/// holds rather than appending.
class RecordsReceiver {
public:
    virtual ~RecordsReceiver() = default;
    /// `text` is JSON text holding the list of records (a JSON-2 answer body).
    /// \throws MalformedResponseError for invalid JSON; DecodeError when it is not a list of
    ///         records that fit.
    virtual void from_list_text(std::string_view text, const core::DecodeOrigin& origin) = 0;
    /// `envelope` is the text of a JSON-RPC answer (JSON-RPC and web-session protocols).
    /// Returns the answer's `error` member, undecoded, when it carries one (the protocol maps
    /// it to its exception); nothing is decoded then.
    /// \throws as `from_list_text`, and MalformedResponseError for a body that is no
    ///         JSON-RPC answer.
    [[nodiscard]] virtual std::optional<json> from_jsonrpc_text(
        std::string_view envelope, const core::DecodeOrigin& origin) = 0;
    /// `list` is the result already read into a value (XML-RPC).
    /// \throws DecodeError when it is not a list of records that fit.
    virtual void from_value(const json& list, const core::DecodeOrigin& origin) = 0;
};

/// A wire protocol bound to one server, database and user.
///
/// Thread safety: all public methods may be called concurrently once constructed.
/// Exceptions: every method throws `odoobridge::Error` subclasses only: transport errors
/// from the transport, `ProtocolError`s for answers that are not the protocol's, and
/// `odoo::ServerError` subclasses for Odoo's own errors.
class Protocol {
public:
    explicit Protocol(Connection connection);
    virtual ~Protocol() = default;
    Protocol(const Protocol&) = delete;
    Protocol& operator=(const Protocol&) = delete;

    [[nodiscard]] virtual ProtocolKind kind() const noexcept = 0;

    /// The server's version (no authentication needed).
    [[nodiscard]] virtual ServerVersion version() = 0;

    /// The databases the server lists.
    [[nodiscard]] virtual std::vector<std::string> list_databases() = 0;

    /// Logs in with the connection's credentials and returns the uid.
    /// \throws AuthenticationError when the server refuses the credentials (also when
    ///         `login` answers `false`), with a message naming the login and database.
    virtual int authenticate() = 0;

    /// The uid of the last successful `authenticate()`, 0 before.
    [[nodiscard]] int uid() const noexcept { return uid_.load(); }

    /// Runs one call and returns its result as the server sent it (`false` stays `false`).
    /// A session protocol whose session expired re-authenticates once and retries.
    [[nodiscard]] json execute_kw(const Call& call);

    /// Runs one call whose result is a list of records and hands the answer to `receiver`
    /// (see `RecordsReceiver`); sends, renews sessions and maps errors as `execute_kw`.
    void execute_records(const Call& call, RecordsReceiver& receiver);

    /// Runs independent calls concurrently through `Transport::send_each`, decoding each
    /// answer as soon as it arrives (on the calling thread, while the other requests are
    /// still on the way); one outcome per call, in order. One call's failure does not
    /// affect the others. Calls that find a web session expired are sent again, after the
    /// batch, once the session is renewed.
    [[nodiscard]] std::vector<core::Outcome<json>> execute_all(std::span<const Call> calls);

protected:
    /// The HTTP request for `call` (may do I/O to learn a method's signature, JSON-2).
    [[nodiscard]] virtual core::Request encode_call(const Call& call) = 0;
    /// The result of `call` in `response`, or the mapped exception.
    [[nodiscard]] virtual json decode_call(const Call& call, const core::Response& response) = 0;
    /// Decodes the records answer of `call` into `receiver`, or throws the exception the
    /// answer maps to (the same as `decode_call` would).
    virtual void decode_records(const Call& call, const core::Response& response,
                                RecordsReceiver& receiver) = 0;
    /// Called once when a call failed with `SessionExpiredError`; returns true when the
    /// session was renewed and the call should be sent again. Default: false.
    virtual bool renew_session() { return false; }

    [[nodiscard]] const Connection& connection() const noexcept { return connection_; }
    /// `connection().url + path`.
    [[nodiscard]] std::string endpoint_url(std::string_view path) const;
    void set_uid(int uid) noexcept { uid_.store(uid); }

private:
    /// Sends `call` and returns `decode(response)`, re-authenticating once when the session
    /// expired (the loop `execute_kw` and `execute_records` share).
    template <class Decode>
    auto send_and_decode(const Call& call, Decode&& decode);

    Connection connection_;
    std::atomic<int> uid_{0};
};

/// A protocol object of `kind` (not `automatic`; `Client` resolves that).
/// \throws ConfigurationError for `automatic` or when JSON-2 is given a password.
[[nodiscard]] std::unique_ptr<Protocol> make_protocol(ProtocolKind kind, Connection connection);

/// `ServerVersion` from a `common.version` / `/web/version` answer.
/// \throws MalformedResponseError when neither `server_version_info` nor `version_info`
///         is a list starting with the major number.
[[nodiscard]] ServerVersion parse_server_version(const json& raw, const std::string& endpoint);

}  // namespace odoobridge::odoo
