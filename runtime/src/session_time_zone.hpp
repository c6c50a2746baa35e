#pragma once
// soong sessions run in UTC, so that timestamptz in the JSON the server builds (a query's _json
// twin) reads as the client's writers write it: 2026-06-01T12:00:00+00:00.

#include <libpq-fe.h>

#include <string_view>

namespace soong::detail {

/// Whether PostgreSQL renders `zone` (a TimeZone setting) with offset +00:00 at every instant.
[[nodiscard]] bool is_utc_zone(std::string_view zone) noexcept;

/// Whether libpq's startup `options` value sets TimeZone (`-c timezone=...`, `-ctimezone=...`,
/// `--timezone=...`, any case).
[[nodiscard]] bool options_set_time_zone(std::string_view options);

/// Puts a freshly connected session in UTC: reads the zone the server reported at startup (no
/// round trip) and, when it is not UTC, sends `SET TimeZone TO 'UTC'` once. A zone the user
/// chose (PGTZ in the environment, or TimeZone in the `options` connection keyword, from the
/// conninfo or PGOPTIONS) is kept. Throws soong::connection_error when the SET fails.
void start_session_in_utc(PGconn* conn);

}  // namespace soong::detail
