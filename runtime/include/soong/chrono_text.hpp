#pragma once
// Text renderings of the date/time types, without a JSON or formatting library: ISO 8601 for
// points in time (what soong/json.hpp and soong::json_writer write) and PostgreSQL's own
// output for `interval` (what the server prints under the default IntervalStyle).

#include <string>

#include "soong/chrono_types.hpp"

namespace soong {

/// ISO 8601: `2024-02-29`, `13:45:00.25`, `2024-02-29T13:45:00.25` and, for timestamptz (UTC),
/// `2024-02-29T13:45:00.25Z`; trailing zeros of the fraction are left out; infinity and
/// -infinity as `infinity` / `-infinity`.
[[nodiscard]] std::string to_iso8601(date d);
[[nodiscard]] std::string to_iso8601(time_of_day t);
[[nodiscard]] std::string to_iso8601(local_timestamp t);
[[nodiscard]] std::string to_iso8601(timestamptz t);

/// PostgreSQL's `interval` output under IntervalStyle `postgres` (the default):
/// `1 year 2 mons 3 days 04:05:06.5`, `-00:00:01`, `00:00:00`.
[[nodiscard]] std::string to_postgres_text(const interval& v);

}  // namespace soong
