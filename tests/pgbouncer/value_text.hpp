#pragma once
// Values the pgbouncer workloads got back, as text for failure messages.

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace pgbouncer_test {

inline std::string describe(std::int64_t value) { return std::to_string(value); }

/// Quoted, with control bytes escaped: a wrong text value is often another query's binary
/// result (an int8 is eight bytes, mostly NUL).
inline std::string describe(const std::string& value) {
  std::string out = "\"";
  for (const unsigned char c : value) {
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

template <class T>
std::string describe(const std::optional<T>& value) {
  return value ? describe(*value) : std::string("(none)");
}

template <class T>
std::string describe(const std::vector<T>& values) {
  std::string out = "[";
  for (const auto& v : values) out += (out.size() > 1 ? ", " : "") + describe(v);
  return out + "]";
}

}  // namespace pgbouncer_test
