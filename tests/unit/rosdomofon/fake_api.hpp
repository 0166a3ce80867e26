#pragma once
// An in-memory RosDomofon for the client's unit tests: a FakeTransport that answers the
// token endpoint (counting grants, issuing "token-1", "token-2" ...) and hands every API
// request to a test-provided function.

#include <atomic>
#include <functional>
#include <memory>
#include <odoobridge/core/json.hpp>
#include <odoobridge/rosdomofon/client.hpp>
#include <odoobridge/testing/fake_transport.hpp>
#include <string>

namespace odoobridge::test {

inline constexpr const char* kRdUser = "operator";
inline constexpr const char* kRdPassword = "s3cret P@ss&word=1";
inline constexpr const char* kRdBase = "https://rd.example.test";
inline constexpr const char* kRdApi = "https://rd.example.test/abonents-service/api/v1";

inline core::Response json_answer(int status, const json& body) {
    return core::Response{status, {{"Content-Type", "application/json"}}, body.dump()};
}

inline core::Response spring_error(int status, const std::string& error,
                                   const std::string& message) {
    return json_answer(status, {{"timestamp", "2024-05-01T09:00:00.000+00:00"},
                                {"status", status},
                                {"error", error},
                                {"message", message},
                                {"path", "/abonents-service/api/v1/x"}});
}

struct FakeRosDomofon {
    using Api = std::function<core::Response(const core::Request&)>;

    std::shared_ptr<testing::FakeTransport> transport = std::make_shared<testing::FakeTransport>();
    std::atomic<int> grants{0};
    std::atomic<long long> expires_in{3600};
    Api api = [](const core::Request&) { return json_answer(200, json::array()); };

    FakeRosDomofon() {
        transport->on([this](const core::Request& request) -> std::optional<core::Response> {
            if (request.url == std::string(kRdBase) + "/authserver-service/oauth/token") {
                const int n = ++grants;
                return json_answer(200, {{"access_token", "token-" + std::to_string(n)},
                                         {"token_type", "bearer"},
                                         {"expires_in", expires_in.load()},
                                         {"scope", "read write"}});
            }
            return api(request);
        });
    }

    [[nodiscard]] rosdomofon::ClientOptions options() const {
        rosdomofon::ClientOptions options;
        options.url = kRdBase;
        options.username = kRdUser;
        options.password = kRdPassword;
        options.transport = transport;
        options.retry.initial_delay = std::chrono::milliseconds{1};
        return options;
    }

    [[nodiscard]] rosdomofon::Client client() const { return rosdomofon::Client(options()); }

    /// API requests only (token requests left out).
    [[nodiscard]] std::vector<core::Request> api_requests() const {
        std::vector<core::Request> out;
        for (auto& request : transport->requests())
            if (request.url.find("/oauth/token") == std::string::npos) out.push_back(request);
        return out;
    }
};

inline std::string header_of(const core::Request& request, std::string_view name) {
    return std::string(core::find_header(request.headers, name).value_or(""));
}

}  // namespace odoobridge::test
