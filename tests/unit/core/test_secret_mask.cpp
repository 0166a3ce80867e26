// core::mask_secrets and core::rethrow_with_secrets_masked: the one place every client
// takes secrets out of text that quotes a server's answer.
#include <catch2/catch.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/secret_mask.hpp>
#include <stdexcept>
#include <string>

using namespace odoobridge;

TEST_CASE("mask_secrets replaces every occurrence of each secret") {
    CHECK(core::mask_secrets("key=s3cr3t&again=s3cr3t token=tok", {"s3cr3t", "tok"}) ==
          "key=<redacted>&again=<redacted> <redacted>en=<redacted>");
    CHECK(core::mask_secrets("nothing here", {"s3cr3t"}) == "nothing here");
    CHECK(core::mask_secrets("", {"s3cr3t"}).empty());
}

TEST_CASE("mask_secrets ignores empty secrets and takes another replacement") {
    CHECK(core::mask_secrets("abc", {"", ""}) == "abc");
    CHECK(core::mask_secrets("GET https://h/x?k=v failed", {"https://h/x?k=v"}, "https://h/x") ==
          "GET https://h/x failed");
}

TEST_CASE("mask_secrets terminates when the replacement contains the secret") {
    // "red" occurs in "<redacted>": searching the replacement again would never end.
    CHECK(core::mask_secrets("red and red", {"red"}) == "<redacted> and <redacted>");
    CHECK(core::mask_secrets("aaa", {"a"}, "aa") == "aaaaaa");
}

TEST_CASE("rethrow_with_secrets_masked keeps class, endpoint and status") {
    try {
        try {
            throw UnexpectedResponseError("answer echoed hunter2", "https://h/jsonrpc", 502);
        } catch (...) {
            core::rethrow_with_secrets_masked({"hunter2"});
        }
    } catch (const UnexpectedResponseError& error) {
        CHECK(std::string(error.what()).find("hunter2") == std::string::npos);
        CHECK(std::string(error.what()).find("answer echoed <redacted>") != std::string::npos);
        CHECK(error.endpoint() == "https://h/jsonrpc");
        CHECK(error.http_status() == 502);
    }
}

TEST_CASE("rethrow_with_secrets_masked rethrows other exceptions unchanged") {
    try {
        try {
            throw std::runtime_error("hunter2 in a local error");
        } catch (...) {
            core::rethrow_with_secrets_masked({"hunter2"});
        }
    } catch (const std::runtime_error& error) {
        CHECK(std::string(error.what()) == "hunter2 in a local error");
    }
}
