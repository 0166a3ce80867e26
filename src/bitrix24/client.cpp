#include <algorithm>
#include <array>
#include <cctype>
#include <odoobridge/bitrix24/client.hpp>
#include <odoobridge/core/curl_transport.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/retry.hpp>
#include <odoobridge/core/secret_mask.hpp>
#include <thread>

#include "client_state.hpp"
#include "envelope.hpp"

namespace odoobridge::bitrix24 {

namespace {

using Clock = LeakyBucket::Clock;

long long milliseconds(Clock::duration duration) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
}

core::Request build_request(const detail::Target& target, const json& params) {
    json body = params;
    if (target.token) body["auth"] = *target.token;
    core::Request request;
    request.method = "POST";
    request.url = target.url;
    request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    request.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return request;
}

}  // namespace

bool is_read_method(std::string_view method) noexcept {
    static constexpr std::array<std::string_view, 8> read_suffixes{
        "get", "list", "fields", "search", "current", "getlist", "getfields", "count"};
    static constexpr std::array<std::string_view, 5> read_methods{"profile", "methods", "scope",
                                                                  "app.info", "server.time"};
    if (std::ranges::find(read_methods, method) != read_methods.end()) return true;
    const auto dot = method.rfind('.');
    if (dot == std::string_view::npos) return false;
    std::string last(method.substr(dot + 1));
    std::ranges::transform(last, last.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::ranges::find(read_suffixes, last) != read_suffixes.end();
}

Client::State::State(ClientOptions options_, core::LoggerPtr logger_,
                     std::shared_ptr<core::Transport> transport_)
    : options(std::move(options_)),
      logger(std::move(logger_)),
      transport(std::move(transport_)),
      bucket(options.rate_limit),
      operating(options.operating_budget),
      auth(options.credentials, transport, logger, requests) {}

void Client::State::wait_for_budget(const detail::Exchange& exchange) {
    const Clock::time_point now = Clock::now();
    Clock::duration wait = operating.wait_before(exchange.method, now);
    for (const auto& method : exchange.budget_methods)
        wait = std::max(wait, operating.wait_before(method, now));
    if (wait <= Clock::duration::zero()) return;
    logger->info("bitrix24: {} used up its operating time; waiting {} ms for the portal's reset",
                 exchange.method, milliseconds(wait));
    std::this_thread::sleep_for(wait);
}

void Client::State::back_off(const detail::Exchange& exchange, int attempt, std::string_view why,
                             Clock::duration delay) {
    logger->warn("bitrix24: {} failed with {} (try {} of {}); retrying in {} ms", exchange.method,
                 why, attempt, options.retry.max_attempts, milliseconds(delay));
    std::this_thread::sleep_for(delay);
}

Answer Client::State::execute(const detail::Exchange& exchange) {
    const int max_attempts = options.retry.max_attempts;
    bool refreshed = false;
    for (int attempt = 1;; ++attempt) {
        wait_for_budget(exchange);
        bucket.acquire();
        const detail::Target target = auth.target(exchange.method);
        const core::Request request = build_request(target, exchange.params);
        try {
            const Clock::time_point started = Clock::now();
            requests.fetch_add(1, std::memory_order_relaxed);
            const core::Response response = transport->send(request);
            const Clock::time_point received = Clock::now();
            logger->debug("bitrix24: {} at {} -> HTTP {} in {} ms", exchange.method,
                          target.endpoint, response.status, milliseconds(received - started));
            Answer answer = [&] {
                try {
                    return detail::decode_answer(response, exchange.method, target.endpoint);
                } catch (const ProtocolError&) {  // a page quoting the request: no secrets
                    core::rethrow_with_secrets_masked({detail::webhook_code_of(target.url),
                                                        target.token.value_or(std::string())});
                }
            }();
            operating.record(exchange.method, answer.time, received);
            return answer;
        } catch (const TokenExpiredError&) {
            if (!auth.can_refresh() || refreshed) throw;
            refreshed = true;
            auth.refresh(target.generation);
            --attempt;  // the refresh does not use up a retry
        } catch (const QueryLimitExceededError&) {
            bucket.saturate(Clock::now());
            if (attempt >= max_attempts) throw;
            back_off(exchange, attempt, "QUERY_LIMIT_EXCEEDED",
                     options.retry.delay_before(attempt));
        } catch (const OperationTimeLimitError&) {
            if (attempt >= max_attempts) throw;
            const auto until_reset = operating.refused(exchange.method, Clock::now());
            back_off(
                exchange, attempt, "OPERATION_TIME_LIMIT",
                until_reset ? *until_reset : Clock::duration(options.retry.delay_before(attempt)));
        } catch (const InternalServerError&) {
            if (!exchange.idempotent || attempt >= max_attempts) throw;
            back_off(exchange, attempt, "an internal server error",
                     options.retry.delay_before(attempt));
        } catch (...) {
            if (!exchange.idempotent || attempt >= max_attempts ||
                !core::is_transient_current_exception())
                throw;
            // A proxy's 429/503 may carry Retry-After (the portal's own limits send none).
            back_off(exchange, attempt, "a transient failure",
                     core::retry_delay_for_current_exception(options.retry, attempt));
        }
    }
}

Client::Client(ClientOptions options) {
    options.validate();
    core::LoggerPtr logger = core::logger_or_silent(options.logger);
    std::shared_ptr<core::Transport> transport =
        options.transport ? options.transport
                          : core::make_default_transport(options.transport_options, logger);
    state_ = std::make_shared<State>(std::move(options), std::move(logger), std::move(transport));
}

Answer Client::call_answer(std::string_view method, json params, const CallOptions& options) const {
    if (method.empty())
        throw ConfigurationError("Bitrix24 method name is empty: pass e.g. \"user.get\"");
    if (params.is_null()) params = json::object();
    if (!params.is_object())
        throw ConfigurationError("parameters of " + std::string(method) +
                                 " must be a JSON object, got " + std::string(params.type_name()));
    detail::Exchange exchange{
        std::string(method), std::move(params), options.idempotent || is_read_method(method), {}};
    return state_->execute(exchange);
}

json Client::call(std::string_view method, json params, const CallOptions& options) const {
    return call_answer(method, std::move(params), options).result;
}

std::string Client::endpoint() const { return state_->auth.endpoint(); }

OAuthTokens Client::tokens() const { return state_->auth.tokens(); }

std::int64_t Client::requests_sent() const noexcept {
    return state_->requests.load(std::memory_order_relaxed);
}

}  // namespace odoobridge::bitrix24
