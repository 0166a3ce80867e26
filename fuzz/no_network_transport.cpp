// The fuzz targets' stand-in for the libcurl transport, which the instrumented SDK copy
// leaves out (fuzz/CMakeLists.txt): every target hands its clients a scripted transport,
// so a client that asks for the default one is a mistake in the target.

#include <odoobridge/core/curl_transport.hpp>
#include <odoobridge/core/errors.hpp>

namespace odoobridge::core {

std::shared_ptr<Transport> make_default_transport(TransportOptions, LoggerPtr) {
    throw ConfigurationError(
        "the fuzz build has no network transport: give the client a transport "
        "(fuzz::ScriptedTransport) in its options");
}

}  // namespace odoobridge::core
