#pragma once
// Parsers for PostgreSQL's text output, for the text-format clients (raw libpq text, libpqxx):
// what a program that reads text results has to do to get typed values.

#include <array>
#include <cstdint>
#include <string_view>

namespace soong::bench {

[[nodiscard]] std::int64_t parse_int(std::string_view text);
[[nodiscard]] double parse_double(std::string_view text);
/// `t` / `f`.
[[nodiscard]] bool parse_bool(std::string_view text);
/// `2024-01-01 00:00:01[.ffffff]+00` (the server runs with TimeZone UTC) → Unix microseconds.
[[nodiscard]] std::int64_t parse_timestamptz_utc(std::string_view text);
/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` → 16 bytes.
[[nodiscard]] std::array<unsigned char, 16> parse_uuid(std::string_view text);
/// Unix microseconds → `2024-01-01 00:00:01+00` (whole seconds), for text parameters.
[[nodiscard]] std::string_view format_timestamptz_utc(std::int64_t unix_us, char (&buffer)[32]);

}  // namespace soong::bench
