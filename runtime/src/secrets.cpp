#include "secrets.hpp"

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

}  // namespace soong::detail
