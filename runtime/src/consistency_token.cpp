#include "soong/consistency_token.hpp"

#include <charconv>
#include <cstdio>

#include "soong/error.hpp"

namespace soong {
namespace {

/// One half of `X/X`: 1 to 8 hexadecimal digits.
bool parse_half(std::string_view text, std::uint32_t& out) {
  if (text.empty() || text.size() > 8) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, 16);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

consistency_token consistency_token::parse(std::string_view text) {
  if (text.empty()) return {};
  const auto slash = text.find('/');
  std::uint32_t high = 0;
  std::uint32_t low = 0;
  if (slash == std::string_view::npos || !parse_half(text.substr(0, slash), high) ||
      !parse_half(text.substr(slash + 1), low)) {
    throw error(
        "soong::consistency_token: not a WAL position (expected hexadecimal `X/X`, as "
        "pg_current_wal_lsn() prints it): \"" +
        std::string(text.substr(0, 40)) + "\"");
  }
  return consistency_token((std::uint64_t{high} << 32) | low);
}

std::string consistency_token::to_string() const {
  if (empty()) return {};
  char buffer[20];
  const int n = std::snprintf(buffer, sizeof buffer, "%X/%X", static_cast<unsigned>(lsn_ >> 32),
                              static_cast<unsigned>(lsn_ & 0xFFFFFFFFU));
  return std::string(buffer, static_cast<std::size_t>(n));
}

}  // namespace soong
