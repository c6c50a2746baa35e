#pragma once
// Allocation-free renderings shared by the nlohmann serializers (soong/json.hpp) and
// soong::json_writer: ISO 8601 for the date/time types and base64 for bytea, written into a
// caller's buffer so that the writer appends them without a temporary string.

#include <cstddef>
#include <span>

#include "soong/chrono_types.hpp"

namespace soong::detail {

/// Enough for any value of the types below (a timestamp with a 7-digit year and microseconds).
inline constexpr std::size_t iso8601_max_size = 48;

/// Writes the ISO 8601 rendering at `out` (at least iso8601_max_size bytes); returns its end.
char* write_iso8601(char* out, date d) noexcept;
char* write_iso8601(char* out, time_of_day t) noexcept;
char* write_iso8601(char* out, local_timestamp t) noexcept;
char* write_iso8601(char* out, timestamptz t) noexcept;

/// The length of the base64 rendering of `size` bytes.
[[nodiscard]] constexpr std::size_t base64_size(std::size_t size) noexcept {
  return (size + 2) / 3 * 4;
}
/// Writes RFC 4648 base64 (padded) of `bytes` at `out` (base64_size bytes); returns its end.
char* write_base64(char* out, std::span<const std::byte> bytes) noexcept;

}  // namespace soong::detail
