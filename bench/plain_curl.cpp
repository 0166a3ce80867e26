#include "plain_curl.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <odoobridge/version.hpp>
#include <stdexcept>
#include <vector>

namespace bench {

namespace {

struct EasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using HeaderList = std::unique_ptr<curl_slist, ListDeleter>;

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

void append_header(HeaderList& list, const std::string& line) {
    curl_slist* head = curl_slist_append(list.get(), line.c_str());
    if (head == nullptr) throw std::runtime_error("curl_slist_append failed (out of memory?)");
    (void)list.release();  // `head` is the same list, grown (or a new one when it was empty)
    list.reset(head);
}

Easy new_handle(const std::string& url, std::string& body) {
    Easy handle(curl_easy_init());
    if (!handle) throw std::runtime_error("curl_easy_init failed (out of memory?)");
    curl_easy_setopt(handle.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle.get(), CURLOPT_WRITEFUNCTION, &append_body);
    curl_easy_setopt(handle.get(), CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(handle.get(), CURLOPT_NOSIGNAL, 1L);
    return handle;
}

void check_result(CURL* handle, CURLcode code, const std::string& url) {
    if (code != CURLE_OK)
        throw std::runtime_error("plain libcurl call to " + url +
                                 " failed: " + curl_easy_strerror(code) +
                                 " (is canned_odoo_server running at that address?)");
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200)
        throw std::runtime_error("plain libcurl call to " + url + " answered HTTP " +
                                 std::to_string(status) + " instead of 200");
}

void perform(CURL* handle, const std::string& url) {
    check_result(handle, curl_easy_perform(handle), url);
}

/// Sets up `handle` to send `request` with `headers` (built by `request_headers`).
void configure(CURL* handle, const odoobridge::core::Request& request, curl_slist* headers) {
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    // The two headers CurlTransport adds by default, so that the same bytes go out.
    static const std::string user_agent = std::string("odoobridge/") + odoobridge::version +
                                          " libcurl/" + curl_version_info(CURLVERSION_NOW)->version;
    curl_easy_setopt(handle, CURLOPT_USERAGENT, user_agent.c_str());
    curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");
    if (request.method == "POST") {
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    } else {
        curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
}

HeaderList request_headers(const odoobridge::core::Request& request) {
    HeaderList headers;
    for (const auto& [name, value] : request.headers) append_header(headers, name + ": " + value);
    // No "Expect: 100-continue" round trip for bodies above 1 KiB: the fastest libcurl can go.
    if (!odoobridge::core::find_header(request.headers, "Expect"))
        append_header(headers, "Expect:");
    return headers;
}

struct MultiDeleter {
    void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
using Multi = std::unique_ptr<CURLM, MultiDeleter>;

void check_multi(CURLMcode code, const char* what) {
    if (code != CURLM_OK)
        throw std::runtime_error(std::string(what) + " failed: " + curl_multi_strerror(code));
}

/// One connection of `plain_curl_multi`: an easy handle and the body it receives.
struct Slot {
    std::string body;
    Easy easy;
};

/// Sends `calls` requests over the slots, keeping every slot busy until none is left.
void run_multi(CURLM* multi, std::vector<std::unique_ptr<Slot>>& slots, long calls,
               const std::string& url) {
    long started = 0;
    long finished = 0;
    const auto start = [&](Slot& slot) {
        slot.body.clear();
        check_multi(curl_multi_add_handle(multi, slot.easy.get()), "curl_multi_add_handle");
        ++started;
    };
    for (auto& slot : slots)
        if (started < calls) start(*slot);
    while (finished < calls) {
        int running = 0;
        check_multi(curl_multi_perform(multi, &running), "curl_multi_perform");
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
            if (message->msg != CURLMSG_DONE) continue;
            CURL* easy = message->easy_handle;
            const CURLcode code = message->data.result;  // `message` dies with remove_handle
            curl_multi_remove_handle(multi, easy);
            check_result(easy, code, url);
            ++finished;
            char* tag = nullptr;
            curl_easy_getinfo(easy, CURLINFO_PRIVATE, &tag);
            if (started < calls) start(*reinterpret_cast<Slot*>(tag));
        }
        if (finished < calls)
            check_multi(curl_multi_poll(multi, nullptr, 0, 1000, nullptr), "curl_multi_poll");
    }
}

}  // namespace

Measurement plain_curl_loop(const odoobridge::core::Request& request, long calls, long warmup) {
    std::string body;
    Easy handle = new_handle(request.url, body);
    const HeaderList headers = request_headers(request);
    configure(handle.get(), request, headers.get());
    for (long i = 0; i < warmup; ++i) {
        body.clear();
        perform(handle.get(), request.url);
    }
    return time_calls(calls, [&] {
        for (long i = 0; i < calls; ++i) {
            body.clear();
            perform(handle.get(), request.url);
        }
    });
}

Measurement plain_curl_multi(const odoobridge::core::Request& request, long calls, long warmup,
                             int connections) {
    const HeaderList headers = request_headers(request);
    Multi multi(curl_multi_init());
    if (!multi) throw std::runtime_error("curl_multi_init failed (out of memory?)");
    const long limit = connections;
    check_multi(curl_multi_setopt(multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS, limit),
                "CURLMOPT_MAX_HOST_CONNECTIONS");
    check_multi(curl_multi_setopt(multi.get(), CURLMOPT_MAXCONNECTS, limit),
                "CURLMOPT_MAXCONNECTS");
    std::vector<std::unique_ptr<Slot>> slots;
    for (int i = 0; i < connections; ++i) {
        auto slot = std::make_unique<Slot>();
        slot->easy = new_handle(request.url, slot->body);
        configure(slot->easy.get(), request, headers.get());
        curl_easy_setopt(slot->easy.get(), CURLOPT_PRIVATE, static_cast<void*>(slot.get()));
        slots.push_back(std::move(slot));
    }
    run_multi(multi.get(), slots, std::max(warmup, static_cast<long>(connections)), request.url);
    return time_calls(calls, [&] { run_multi(multi.get(), slots, calls, request.url); });
}

long server_connections(const std::string& base_url) {
    std::string body;
    const std::string url = base_url + "/bench/stats";
    Easy handle = new_handle(url, body);
    perform(handle.get(), url);
    const std::size_t at = body.find("\"connections\"");
    const std::size_t colon = at == std::string::npos ? at : body.find(':', at);
    if (colon == std::string::npos)
        throw std::runtime_error(url + " did not answer canned_odoo_server's statistics: '" +
                                 body.substr(0, 120) + "'");
    return std::stol(body.substr(colon + 1));
}

}  // namespace bench
