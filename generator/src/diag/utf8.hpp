#pragma once
// UTF-8 byte classes, for code point arithmetic on positions (PostgreSQL and libpg_query count
// code points; files are indexed in bytes).

namespace soong::gen {

/// A UTF-8 continuation byte (10xxxxxx): not the start of a code point.
[[nodiscard]] constexpr bool is_utf8_continuation_byte(char c) noexcept {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace soong::gen
