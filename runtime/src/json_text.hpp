#pragma once
// Allocation-free renderings shared by the nlohmann serializers (soong/json.hpp) and
// soong::json_writer: PostgreSQL's renderings of the date/time types and bytea (and base64),
// written into a caller's buffer so that the writer appends them without a temporary string.

#include <cstddef>
#include <span>

#include "soong/chrono_types.hpp"

namespace soong::detail {

/// Enough for any value of the types below (a timestamp with a 7-digit year and microseconds).
inline constexpr std::size_t iso8601_max_size = 48;

/// Writes the rendering of to_iso8601 (soong/chrono_text.hpp) at `out` (at least iso8601_max_size
/// bytes); returns its end.
char* write_iso8601(char* out, date d) noexcept;
char* write_iso8601(char* out, time_of_day t) noexcept;
char* write_iso8601(char* out, local_timestamp t) noexcept;
char* write_iso8601(char* out, timestamptz t) noexcept;

/// The length of PostgreSQL's hex rendering of `size` bytes (`\x` and two digits a byte).
[[nodiscard]] constexpr std::size_t bytea_hex_size(std::size_t size) noexcept {
  return 2 + 2 * size;
}
/// Writes `\x` and lower-case hex digits of `bytes` at `out`; returns its end.
char* write_bytea_hex(char* out, std::span<const std::byte> bytes) noexcept;

/// The length of the base64 rendering of `size` bytes.
[[nodiscard]] constexpr std::size_t base64_size(std::size_t size) noexcept {
  return (size + 2) / 3 * 4;
}
/// Writes RFC 4648 base64 (padded) of `bytes` at `out` (base64_size bytes); returns its end.
char* write_base64(char* out, std::span<const std::byte> bytes) noexcept;

}  // namespace soong::detail
