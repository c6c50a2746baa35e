#pragma once
// ASCII case folding, as PostgreSQL folds unquoted identifiers and keywords (it folds only
// A-Z in the default locale-independent path, so other bytes stay as they are).

#include <cstddef>
#include <string>
#include <string_view>

namespace soong::gen {

[[nodiscard]] constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

[[nodiscard]] inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

/// `a` and `b` are the same text when A-Z are folded to a-z: how SQL keywords compare.
[[nodiscard]] constexpr bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace soong::gen
