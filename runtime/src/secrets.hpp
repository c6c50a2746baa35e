#pragma once
// Keeping secrets out of messages: libpq echoes parts of a conninfo or URL back in its errors,
// and soong's exceptions and logs must never carry a password or an IAM token.

#include <string>

namespace soong::detail {

/// Replaces the `:password` of any `scheme://user:password@` in `message` with `***` and
/// trims trailing newlines and spaces.
[[nodiscard]] std::string without_url_passwords(std::string message);

}  // namespace soong::detail
