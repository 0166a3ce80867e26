// core::url_encode / core::form_encode: RFC 3986 unreserved characters pass, every other
// byte (UTF-8 included) becomes %XX, pairs keep their order.
#include <catch2/catch.hpp>
#include <odoobridge/core/form.hpp>

using odoobridge::core::form_encode;
using odoobridge::core::url_encode;

TEST_CASE("url_encode keeps unreserved characters and escapes the rest") {
    CHECK(url_encode("AZaz09-._~") == "AZaz09-._~");
    CHECK(url_encode("a b&c=d+e/f?g#h%") == "a%20b%26c%3Dd%2Be%2Ff%3Fg%23h%25");
    CHECK(url_encode("Пароль") == "%D0%9F%D0%B0%D1%80%D0%BE%D0%BB%D1%8C");
    CHECK(url_encode(std::string_view("\0\x7f", 2)) == "%00%7F");
    CHECK(url_encode("").empty());
}

TEST_CASE("form_encode joins pairs in order") {
    CHECK(form_encode(
              {{"grant_type", "password"}, {"client_id", "machine"}, {"password", "p&ss=w rd"}}) ==
          "grant_type=password&client_id=machine&password=p%26ss%3Dw%20rd");
    CHECK(form_encode({}).empty());
    CHECK(form_encode({{"empty", ""}}) == "empty=");
}
