#pragma once
// The servers of the fault matrix and the secret-hygiene tests: the fake Odoo, Bitrix24 and
// RosDomofon, each behind tests/servers/http_faults.py started with --upstream (plain HTTP
// and, on demand, HTTPS with a self-signed certificate), whose /__faults__/ routes arm
// faults and count the requests that reach it.

#include <unistd.h>

#include <cstdio>
#include <map>
#include <memory>
#include <odoobridge/core/curl_transport.hpp>
#include <odoobridge/core/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "server_process.hpp"

namespace odoobridge::test {

/// Which fake server a client talks to.
enum class Upstream { odoo, bitrix24, rosdomofon };

/// The password every test client uses for Odoo and RosDomofon: distinctive, so any
/// occurrence in a log line or a message is a leak. The Odoo proxy rewrites it to the fake
/// Odoo's own password ("admin") on the way; the fake RosDomofon is started with it.
inline constexpr const char* kTestPassword = "S3cr3t-PASSWORD-xyz";
inline constexpr const char* kOdooApiKey = "a11ce0000000000000000000000000000000ad02";
inline constexpr const char* kWebhookCode = "s3cr3tc0de4test";
inline constexpr const char* kRosDomofonUser = "operator";

/// A temporary file name, removed on destruction.
class TempPath {
public:
    TempPath() {
        char name[] = "/tmp/odoobridge-faults-XXXXXX";
        const int fd = mkstemp(name);
        if (fd < 0) throw std::runtime_error("mkstemp failed");
        ::close(fd);
        path_ = name;
    }
    ~TempPath() { std::remove(path_.c_str()); }
    TempPath(const TempPath&) = delete;
    TempPath& operator=(const TempPath&) = delete;
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// One http_faults.py proxy in front of an upstream server, with its control routes.
class FaultProxy {
public:
    /// `rewrite_password`: the proxy replaces kTestPassword by "admin" (the fake Odoo's).
    FaultProxy(const std::string& upstream_url, bool tls, const std::string& cert_file,
               bool rewrite_password)
        : process_("http_faults.py", arguments(upstream_url, tls, cert_file, rewrite_password)),
          scheme_(tls ? "https" : "http"),
          control_(core::make_default_transport(control_options(tls, cert_file))) {}

    /// "http(s)://127.0.0.1:<port>"
    [[nodiscard]] std::string url() const {
        return scheme_ + "://127.0.0.1:" + std::to_string(process_.port());
    }
    /// Drops all rules and zeroes the counters.
    void reset() const { (void)control("POST", "reset", "{}"); }
    /// Arms one rule (see http_faults.py: path, method, body, skip, times, fault, ...).
    void arm(const json& rule) const { (void)control("POST", "arm", rule.dump()); }
    /// {"requests": {...}, "rules": [{"matched", "faulted"}...], "handed_out": [...]}
    [[nodiscard]] json stats() const { return control("GET", "stats", ""); }

private:
    static std::vector<std::string> arguments(const std::string& upstream, bool tls,
                                              const std::string& cert_file, bool rewrite_password) {
        std::vector<std::string> args{"--upstream", upstream};
        if (rewrite_password)
            args.insert(args.end(), {"--rewrite", std::string(kTestPassword) + "=admin"});
        if (tls) args.insert(args.end(), {"--tls", "--cert-file", cert_file});
        return args;
    }

    static core::TransportOptions control_options(bool tls, const std::string& cert_file) {
        core::TransportOptions options;
        if (tls) options.ca_file = cert_file;  // the proxy's own self-signed certificate
        return options;
    }

    [[nodiscard]] json control(const char* method, const std::string& name,
                               std::string body) const {
        core::Request request{method,
                              url() + "/__faults__/" + name,
                              {{"Content-Type", "application/json"}},
                              std::move(body),
                              {}};
        const core::Response response = control_->send(request);
        if (response.status != 200)
            throw std::runtime_error("http_faults " + name + " answered HTTP " +
                                     std::to_string(response.status) + ": " + response.body);
        return json::parse(response.body);
    }

    ServerProcess process_;
    std::string scheme_;
    std::shared_ptr<core::Transport> control_;
};

/// The fake servers and their proxies, started on first use, once per test binary.
class FaultServers {
public:
    static FaultServers& instance() {
        static FaultServers servers;
        return servers;
    }

    /// The fake server itself (no proxy), e.g. for its /__test__ hooks.
    [[nodiscard]] const ServerProcess& upstream(Upstream which) {
        auto& slot = upstreams_[which];
        if (!slot) slot = std::make_unique<ServerProcess>(script(which), upstream_args(which));
        return *slot;
    }

    /// The plain-HTTP proxy in front of `which`.
    [[nodiscard]] const FaultProxy& proxy(Upstream which) { return proxy(which, false); }
    /// The HTTPS proxy (self-signed certificate, written to `cert_file()`) in front of `which`.
    [[nodiscard]] const FaultProxy& tls_proxy(Upstream which) { return proxy(which, true); }
    /// The PEM certificate of the HTTPS proxies, to trust as a CA file.
    [[nodiscard]] std::string cert_file(Upstream which) const {
        return cert_files_.at(which)->path();
    }

private:
    FaultServers() = default;

    const FaultProxy& proxy(Upstream which, bool tls) {
        auto& slot = (tls ? tls_proxies_ : proxies_)[which];
        if (!slot) {
            const std::string upstream_url = upstream(which).url();
            std::string cert;
            if (tls) {
                cert_files_[which] = std::make_unique<TempPath>();
                cert = cert_files_[which]->path();
            }
            slot = std::make_unique<FaultProxy>(upstream_url, tls, cert, which == Upstream::odoo);
        }
        return *slot;
    }

    static std::string script(Upstream which) {
        switch (which) {
            case Upstream::odoo:
                return "fake_odoo.py";
            case Upstream::bitrix24:
                return "fake_bitrix24.py";
            case Upstream::rosdomofon:
                break;
        }
        return "fake_rosdomofon.py";
    }
    static std::vector<std::string> upstream_args(Upstream which) {
        if (which == Upstream::rosdomofon)
            return {"--username", kRosDomofonUser, "--password", kTestPassword};
        // The portal's bucket is not under test here; a large one keeps it out of the way.
        if (which == Upstream::bitrix24) return {"--burst", "100000"};
        return {};
    }

    std::map<Upstream, std::unique_ptr<ServerProcess>> upstreams_;
    std::map<Upstream, std::unique_ptr<TempPath>> cert_files_;
    std::map<Upstream, std::unique_ptr<FaultProxy>> proxies_;
    std::map<Upstream, std::unique_ptr<FaultProxy>> tls_proxies_;
};

}  // namespace odoobridge::test
