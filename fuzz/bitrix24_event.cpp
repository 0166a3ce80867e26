// Fuzz target: Bitrix24 outbound events, the form-encoded bodies a portal POSTs to the
// application's handler: PHP-style form decoding (bitrix24::decode_php_form, through
// parse_event_envelope) and typed event parsing with token verification (parse_event).
//
// The input is the raw body (no selector byte). It is parsed unverified, then verified
// against the token it carries itself (so the typed part runs whenever the body has one)
// and against the configured secret token: UnverifiedEventError (or InvalidEventError) is the
// only acceptable outcome then, unless the body carries that very token, and the message
// must not quote the token (a body may: form fields are quoted percent-decoded).

#include <odoobridge/bitrix24/events.hpp>
#include <string>

#include "fuzz_support.hpp"

namespace fz = odoobridge::fuzz;
namespace b24 = odoobridge::bitrix24;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body = fz::raw_input(data, size);
    std::string own_token;
    fz::run_decoder([&] { own_token = b24::parse_event_envelope(body).auth.application_token; });
    if (!own_token.empty()) {
        fz::run_decoder([&] {
            const b24::Event event = b24::parse_event(body, own_token);
            if (b24::envelope_of(event).auth.application_token != own_token)
                fz::finding("parse_event", "the verified token differs from the envelope's");
        });
    }
    try {
        (void)b24::parse_event(body, fz::secret);
        if (own_token != fz::secret) fz::finding("parse_event", "accepted a wrong token");
    } catch (const b24::UnverifiedEventError& error) {
        if (own_token.find(fz::secret) == std::string::npos) fz::check_no_secret(error.what());
    } catch (const b24::InvalidEventError&) {
        // Quotes form keys, percent-decoded: any text, the token included, may appear.
    } catch (const std::exception& error) {
        fz::finding("parse_event threw an unexpected exception", error.what());
    }
    return 0;
}
