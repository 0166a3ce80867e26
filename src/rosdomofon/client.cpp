#include <odoobridge/core/codec.hpp>
#include <odoobridge/core/form.hpp>
#include <odoobridge/rosdomofon/client.hpp>
#include <utility>

#include "rest_session.hpp"
#include "wire.hpp"

namespace odoobridge::rosdomofon {

namespace {

using detail::RestAnswer;
using detail::RestCall;

template <class T>
std::vector<T> decode_list(const RestAnswer& answer, std::string_view what) {
    return core::decode_records<T>(answer.body, {what, answer.endpoint, answer.status});
}

template <class T>
T decode_object(const RestAnswer& answer, std::string_view what) {
    const json body = core::parse_json_body(answer.body, answer.endpoint, answer.status);
    return core::record_from_json<T>(body, {what, answer.endpoint, answer.status});
}

std::string id_segment(std::int64_t id) { return std::to_string(id); }

void check_page_size(int page_size) {
    if (page_size < 1 || page_size > 1000)
        throw ConfigurationError("MessageQuery.page_size must be between 1 and 1000, got " +
                                 std::to_string(page_size));
}

}  // namespace

void ClientOptions::validate() const {
    if (!url.starts_with("http://") && !url.starts_with("https://"))
        throw ConfigurationError("RosDomofon URL '" + core::redact_url(url) +
                                 "' must start with http:// or https:// (set ClientOptions.url, "
                                 "e.g. \"https://rdba.rosdomofon.com\")");
    if (username.empty())
        throw ConfigurationError("RosDomofon username is empty: set ClientOptions.username");
    if (password.empty())
        throw ConfigurationError("RosDomofon password is empty: set ClientOptions.password");
    if (token_renew_margin.count() < 0)
        throw ConfigurationError("ClientOptions.token_renew_margin must not be negative");
    transport_options.validate();
    retry.validate();
}

struct Client::State {
    explicit State(ClientOptions options) : session(std::move(options)) {}
    detail::RestSession session;
};

Client::Client(ClientOptions options) {
    options.validate();
    state_ = std::make_shared<State>(std::move(options));
}

const ClientOptions& Client::options() const noexcept { return state_->session.options(); }

void Client::authenticate() const { state_->session.authenticate(); }

std::vector<Account> Client::accounts() const {
    const auto answer = state_->session.call({"accounts", "GET", "/accounts", {}, {}, true});
    return decode_list<Account>(answer, "rosdomofon account");
}

std::optional<Account> Client::account_by_phone(const Phone& phone) const {
    if (phone.empty())
        throw ConfigurationError("account_by_phone needs a phone number, got an empty Phone");
    for (auto& account : accounts())
        if (account.owner.phone == phone) return std::move(account);
    return std::nullopt;
}

CreatedAccount Client::create_account(std::string_view number, const Phone& phone) const {
    if (number.empty())
        throw ConfigurationError("create_account needs the billing account number, got \"\"");
    if (phone.empty())
        throw ConfigurationError("create_account needs the owner's phone, got an empty Phone");
    // The phone is a string in this request (an integer everywhere else).
    const json body{{"number", std::string(number)}, {"phone", phone.digits()}};
    const auto answer = state_->session.call({"create_account",
                                              "POST",
                                              "/accounts",
                                              {},
                                              detail::dump_json(body, "the account number"),
                                              false});
    return decode_object<CreatedAccount>(answer, "rosdomofon account");
}

Flat Client::create_flat(const NewFlat& flat) const {
    if (flat.flatNumber.empty())
        throw ConfigurationError("create_flat needs NewFlat.flatNumber (e.g. \"12\")");
    if (flat.entranceId.empty()) throw ConfigurationError("create_flat needs NewFlat.entranceId");
    const auto answer = state_->session.call(
        {"create_flat", "POST", "/flats", {}, detail::to_wire(flat, "the flat"), false});
    return decode_object<Flat>(answer, "rosdomofon flat");
}

std::vector<Service> Client::entrance_services(std::int64_t entrance_id) const {
    const auto answer = state_->session.call({"entrance_services",
                                              "GET",
                                              "/entrances/" + id_segment(entrance_id) + "/services",
                                              {},
                                              {},
                                              true});
    return decode_list<Service>(answer, "rosdomofon service");
}

std::int64_t Client::connect_service(std::int64_t service_id, std::int64_t flat_id,
                                     std::optional<std::int64_t> account_id) const {
    json body{{"flatId", flat_id}};
    if (account_id) body["accountId"] = *account_id;
    const auto answer =
        state_->session.call({"connect_service",
                              "POST",
                              "/services/" + id_segment(service_id) + "/connections",
                              {},
                              body.dump(),
                              false});
    return decode_object<Connection>(answer, "rosdomofon connection").id;
}

std::vector<Connection> Client::account_connections(std::int64_t account_id) const {
    const auto answer =
        state_->session.call({"account_connections",
                              "GET",
                              "/accounts/" + id_segment(account_id) + "/connections",
                              {},
                              {},
                              true});
    return decode_list<Connection>(answer, "rosdomofon connection");
}

std::vector<Connection> Client::service_connections(std::int64_t service_id) const {
    const auto answer =
        state_->session.call({"service_connections",
                              "GET",
                              "/services/" + id_segment(service_id) + "/connections",
                              {},
                              {},
                              true});
    return decode_list<Connection>(answer, "rosdomofon connection");
}

void Client::block_account(std::string_view account) const {
    if (account.empty()) throw ConfigurationError("block_account needs an account, got \"\"");
    state_->session.call({"block_account",
                          "PUT",
                          "/accounts/" + core::url_encode(account) + "/block",
                          {},
                          {},
                          true});
}

void Client::unblock_account(std::string_view account) const {
    if (account.empty()) throw ConfigurationError("unblock_account needs an account, got \"\"");
    state_->session.call({"unblock_account",
                          "DELETE",
                          "/accounts/" + core::url_encode(account) + "/block",
                          {},
                          {},
                          true});
}

void Client::block_connection(std::int64_t connection_id) const {
    state_->session.call({"block_connection",
                          "PUT",
                          "/services_connections/" + id_segment(connection_id) + "/block",
                          {},
                          {},
                          true});
}

void Client::unblock_connection(std::int64_t connection_id) const {
    state_->session.call({"unblock_connection",
                          "DELETE",
                          "/services_connections/" + id_segment(connection_id) + "/block",
                          {},
                          {},
                          true});
}

void Client::send_message(const std::vector<Recipient>& recipients, std::string_view text,
                          std::string_view channel) const {
    if (recipients.empty()) throw ConfigurationError("send_message needs at least one recipient");
    for (std::size_t i = 0; i < recipients.size(); ++i)
        if (!recipients[i].id && recipients[i].phone.empty())
            throw ConfigurationError("send_message: recipient " + std::to_string(i) +
                                     " has neither an abonent id nor a phone; use "
                                     "Recipient::abonent(id) or Recipient::phone_number(phone)");
    if (text.empty()) throw ConfigurationError("send_message needs a non-empty text");
    if (channel.empty())
        throw ConfigurationError("send_message needs a channel (e.g. \"support\")");
    json to = json::array();
    for (const auto& recipient : recipients)
        to.push_back(detail::without_nulls(core::encode_value<core::JsonDialect>(recipient)));
    const json body{{"toAbonents", std::move(to)},
                    {"channel", std::string(channel)},
                    {"message", std::string(text)},
                    {"deliveryMethod", "push"},
                    {"broadcast", false}};
    state_->session.call(
        {"send_message", "POST", "/messages", {}, detail::dump_json(body, "the message"), false});
}

MessagePage Client::abonent_messages_page(std::int64_t abonent_id, std::int64_t page,
                                          const MessageQuery& query) const {
    if (page < 0)
        throw ConfigurationError("abonent_messages_page: page numbers start at 0, got " +
                                 std::to_string(page));
    check_page_size(query.page_size);
    core::FormFields fields;
    if (!query.channel.empty()) fields.emplace_back("channel", query.channel);
    fields.emplace_back("page", std::to_string(page));
    fields.emplace_back("size", std::to_string(query.page_size));
    const auto answer = state_->session.call({"abonent_messages",
                                              "GET",
                                              "/abonents/" + id_segment(abonent_id) + "/messages",
                                              core::form_encode(fields),
                                              {},
                                              true});
    return decode_object<MessagePage>(answer, "rosdomofon message page");
}

MessagePager Client::abonent_messages(std::int64_t abonent_id, MessageQuery query) const {
    check_page_size(query.page_size);
    return MessagePager([client = *this, abonent_id, query](std::int64_t page) {
        return client.abonent_messages_page(abonent_id, page, query);
    });
}

}  // namespace odoobridge::rosdomofon
