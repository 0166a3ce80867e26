// Fuzz target: RosDomofon's Kafka messages (topic MESSAGES_IN_<company>), decoded exactly as
// rosdomofon::Consumer decodes a message's payload before its handler runs, followed by
// what a typical handler does with it: the text, a reply to the sender, and the reply's
// wire JSON as the Producer would send it.
//
// The input is the raw payload (no selector byte). The consumer skips a payload that is not
// JSON (json::exception) or does not fit IncomingMessage (DecodeError) and would stop on
// any other exception: those two are the only acceptable failures of the decode.

#include <odoobridge/core/codec.hpp>
#include <odoobridge/rosdomofon/kafka_messages.hpp>
#include <string>

#include "fuzz_support.hpp"
#include "rosdomofon/wire.hpp"

namespace fz = odoobridge::fuzz;
namespace rd = odoobridge::rosdomofon;
namespace core = odoobridge::core;
using odoobridge::json;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view payload = fz::raw_input(data, size);
    rd::IncomingMessage incoming;
    try {
        incoming = core::record_from_json<rd::IncomingMessage>(
            json::parse(payload), {"rosdomofon incoming message", {}, 0});
    } catch (const json::exception&) {
        return 0;  // the consumer reports the message as malformed and skips it
    } catch (const odoobridge::DecodeError& error) {
        fz::check_no_secret(error.what());
        return 0;
    } catch (const std::exception& error) {
        fz::finding("decoding an incoming Kafka message threw what the consumer does not catch",
                    error.what());
    }
    fz::run_decoder([&] {
        const rd::OutgoingMessage reply = rd::OutgoingMessage::reply_to(incoming, incoming.text());
        (void)rd::detail::to_wire(reply, "the reply");
    });
    return 0;
}
