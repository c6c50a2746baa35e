#pragma once
// Text renderings of the date/time types, without a JSON or formatting library, exactly as
// PostgreSQL's to_json writes them in a UTC session with the default DateStyle and
// IntervalStyle (what soong/json.hpp, soong::json_writer and soong/print.hpp write).

#include <string>
#include <string_view>

#include "soong/chrono_types.hpp"

namespace soong {

/// ISO 8601 as the server's to_json writes it: `2024-02-29`, `13:45:00.25` (`24:00:00` too),
/// `2024-02-29T13:45:00.25` and, for timestamptz, `2024-02-29T13:45:00.25+00:00` (UTC);
/// trailing zeros of the fraction are left out; `infinity` / `-infinity`. Years before 1 AD
/// are PostgreSQL's: `0044-03-15 BC`, `0044-03-15T12:00:00+00:00 BC` (the era after everything
/// else), not ISO's year 0 and negative years.
[[nodiscard]] std::string to_iso8601(date d);
[[nodiscard]] std::string to_iso8601(time_of_day t);
[[nodiscard]] std::string to_iso8601(local_timestamp t);
[[nodiscard]] std::string to_iso8601(timestamptz t);

/// PostgreSQL's `interval` output under IntervalStyle `postgres` (the default):
/// `1 year 2 mons 3 days 04:05:06.5`, `-00:00:01`, `00:00:00`.
[[nodiscard]] std::string to_postgres_text(const interval& v);

/// Reads to_postgres_text's form back (the server's `postgres` IntervalStyle output); throws
/// soong::error on anything else.
[[nodiscard]] interval parse_interval(std::string_view text);

}  // namespace soong
