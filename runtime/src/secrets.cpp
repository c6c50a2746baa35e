#include "secrets.hpp"

#include <algorithm>

namespace soong::detail {

/// Replaces the `:password` of any `scheme://user:password@` in a libpq message, which echoes a
/// malformed URL back whole.
std::string without_url_passwords(std::string message) {
  for (std::size_t scheme = message.find("://"); scheme != std::string::npos;
       scheme = message.find("://", scheme + 3)) {
    const std::size_t at = message.find('@', scheme);
    const std::size_t colon = message.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at) {
      message.replace(colon + 1, at - colon - 1, "***");
    }
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return message;
}

std::string url_password(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  const std::size_t authority_begin = scheme + 3;
  const std::size_t authority_end = std::min(url.find_first_of("/?#", authority_begin), url.size());
  const std::string_view authority = url.substr(authority_begin, authority_end - authority_begin);
  const std::size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return {};
  const std::size_t colon = authority.find(':');
  if (colon == std::string_view::npos || colon > at) return {};
  return std::string(authority.substr(colon + 1, at - colon - 1));
}

std::string without_secret(std::string message, std::string_view secret) {
  if (secret.empty()) return message;
  for (std::size_t found = message.find(secret); found != std::string::npos;
       found = message.find(secret, found + 3)) {
    message.replace(found, secret.size(), "***");
  }
  return message;
}

}  // namespace soong::detail
