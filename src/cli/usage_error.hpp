#pragma once
/// \file
/// The command line's own error: a mistake in the arguments or the environment, found
/// before anything is sent. It maps to exit code 2 like `odoobridge::ConfigurationError`.

#include <stdexcept>
#include <string>

namespace odoobridge::cli {

/// A wrong, missing or malformed argument, option or environment variable. The message
/// names the argument, flag or variable and says how to fix it; it never quotes the
/// value of a secret (password, API key).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace odoobridge::cli
