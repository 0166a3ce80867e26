#pragma once
// Starts one of the loopback test servers of tests/servers/ as a child process on a free
// port and stops it on destruction, so each test binary runs its own server.

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace odoobridge::test {

/// A server script run as `python3 <script> --port 0 --port-file <tmp> [args...]`; the
/// script writes its port to the file once it listens.
class ServerProcess {
public:
    explicit ServerProcess(const std::string& script, std::vector<std::string> args = {}) {
        char port_template[] = "/tmp/odoobridge-port-XXXXXX";
        const int fd = mkstemp(port_template);
        if (fd < 0) throw std::runtime_error("mkstemp failed");
        ::close(fd);
        port_file_ = port_template;
        std::vector<std::string> argv_storage{ODOOBRIDGE_TEST_PYTHON,
                                              std::string(ODOOBRIDGE_TEST_SERVERS_DIR) + "/" + script,
                                              "--port", "0", "--port-file", port_file_};
        argv_storage.insert(argv_storage.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& arg : argv_storage) argv.push_back(arg.data());
        argv.push_back(nullptr);
        if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("cannot start " + script);
        for (int i = 0; i < 200 && port_ == 0; ++i) {
            std::ifstream in(port_file_);
            int port = 0;
            if (in >> port && port > 0) port_ = port;
            else std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        if (port_ == 0) {
            stop();
            throw std::runtime_error("server " + script + " did not start within 5 s");
        }
    }
    ~ServerProcess() { stop(); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    [[nodiscard]] int port() const { return port_; }
    /// "http://127.0.0.1:<port>"
    [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            ::waitpid(pid_, &status, 0);
            pid_ = 0;
        }
        if (!port_file_.empty()) std::remove(port_file_.c_str());
    }
    pid_t pid_ = 0;
    int port_ = 0;
    std::string port_file_;
};

}  // namespace odoobridge::test
