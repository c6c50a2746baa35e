// soong::uuid parsing and formatting.

#include "soong/uuid.hpp"

#include "soong/error.hpp"

namespace soong {

namespace {
int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

uuid uuid::parse(std::string_view text) {
  std::string_view s = text;
  if (s.size() >= 2 && s.front() == '{' && s.back() == '}') s = s.substr(1, s.size() - 2);
  uuid u;
  std::size_t n = 0;  // hex digits consumed
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    // Hyphens are allowed only between the canonical groups (8-4-4-4-12).
    if (c == '-' && (n == 8 || n == 12 || n == 16 || n == 20) && i > 0 && s[i - 1] != '-') {
      continue;
    }
    const int v = hex_value(c);
    if (v < 0 || n >= 32) throw error("invalid uuid: \"" + std::string(text) + "\"");
    auto& byte = u.bytes[n / 2];
    byte = static_cast<std::byte>(n % 2 == 0 ? v << 4 : (static_cast<int>(byte) | v));
    ++n;
  }
  if (n != 32) throw error("invalid uuid: \"" + std::string(text) + "\"");
  return u;
}

std::string uuid::to_string() const {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    const auto b = static_cast<unsigned>(bytes[i]);
    out += digits[b >> 4];
    out += digits[b & 0xF];
  }
  return out;
}

}  // namespace soong
