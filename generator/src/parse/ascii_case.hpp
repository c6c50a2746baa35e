#pragma once
// ASCII lower-casing, as PostgreSQL folds unquoted identifiers and keywords (it folds only
// A-Z in the default locale-independent path, so other bytes stay as they are).

#include <string>
#include <string_view>

namespace soong::gen {

[[nodiscard]] inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace soong::gen
