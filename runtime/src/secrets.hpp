#pragma once
// Keeping secrets out of messages: libpq echoes parts of a conninfo or URL back in its errors,
// and soong's exceptions and logs must never carry a password or an IAM token.

#include <string>
#include <string_view>

namespace soong::detail {

/// Replaces the `:password` of any `scheme://user:password@` in `message` with `***` and
/// trims trailing newlines and spaces.
[[nodiscard]] std::string without_url_passwords(std::string message);

/// The password of a `scheme://user:password@host...` URL as written (still percent-encoded),
/// empty when it has none. libpq quotes a malformed part of a URL in its error, which may be
/// the password alone, without the `://...@` around it that without_url_passwords looks for.
[[nodiscard]] std::string url_password(std::string_view url);

/// `message` with every occurrence of `secret` replaced by `***` (unchanged for an empty one).
[[nodiscard]] std::string without_secret(std::string message, std::string_view secret);

}  // namespace soong::detail
