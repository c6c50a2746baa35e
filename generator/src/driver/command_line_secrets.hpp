#pragma once
// Command-line text quoted back in an error (an unknown argument, a parser message) may be a
// database URL or conninfo given in the wrong place: its password must not reach the terminal
// or a CI log.

#include <string>
#include <string_view>

namespace soong::gen {

/// `text` with the password of every `scheme://user:password@` and the value of every
/// `password=` / `sslpassword=` keyword replaced by `***`.
[[nodiscard]] std::string without_command_line_secrets(std::string_view text);

}  // namespace soong::gen
