#pragma once
// The production guard: a database remembers which environment it belongs to (recorded at its
// first schema load or migration), and the destructive commands (drop, reset, schema-load
// --replace, kill --all, migrate down) refuse on a database recorded as `production` unless
// the user allows it explicitly. A URL variable pointing at the wrong server is the usual way
// a development command reaches production; the database itself is the only reliable witness.

#include <optional>
#include <string>
#include <string_view>

namespace soong {
class connection;
}

namespace soong::gen::lifecycle {

/// soong's own bookkeeping (environment, applied migrations) lives in this schema, so it never
/// shows up where the user's objects are compared (drift, `migrate check`) or counted
/// (schema-load's "database already has tables").
inline constexpr std::string_view bookkeeping_schema = "soong";

/// The environment name that counts as production.
inline constexpr std::string_view production_environment = "production";

/// The environment this command runs for: `--env`, else `SOONG_ENV`, else `development`.
[[nodiscard]] std::string environment_name(const std::optional<std::string>& env_option);

/// The environment recorded in the connected database, if any.
[[nodiscard]] std::optional<std::string> recorded_environment(connection& conn);

/// Records `name` unless the database already has one (a recorded name is never overwritten:
/// it is the guard). Creates the bookkeeping schema and table when missing. Call it inside the
/// transaction of the load or migration it accompanies, so both commit together.
void record_environment(connection& conn, std::string_view name);

/// Throws soong::error when the connected database is recorded as production and `allowed` is
/// false: "refusing to drop database \"app\": it is recorded as a production database; pass
/// --allow-production to do it anyway".
void guard_production(connection& conn, std::string_view action, std::string_view database,
                      bool allowed);

/// The flag that allows a destructive command on a production database.
inline constexpr std::string_view allow_production_flag = "--allow-production";

}  // namespace soong::gen::lifecycle
