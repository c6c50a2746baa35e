// The production guard's storage: one row in soong.environment.

#include "lifecycle/production_guard.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "soong/connection.hpp"
#include "soong/error.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {

std::string environment_name(const std::optional<std::string>& env_option) {
  if (env_option && !env_option->empty()) return *env_option;
  const char* env = std::getenv("SOONG_ENV");
  return env != nullptr && *env != '\0' ? env : "development";
}

std::optional<std::string> recorded_environment(connection& conn) {
  // to_regclass: NULL when the table does not exist, so a fresh database needs no DDL to ask.
  const result exists = execute_sql(conn, "SELECT to_regclass('soong.environment') IS NOT NULL");
  if (!exists.get<bool>(0, 0)) return std::nullopt;
  const result name = execute_sql(conn, "SELECT name FROM soong.environment LIMIT 1");
  if (name.rows() == 0) return std::nullopt;
  return name.get<std::string>(0, 0);
}

void record_environment(connection& conn, std::string_view name) {
  execute_script(conn,
                 "CREATE SCHEMA IF NOT EXISTS soong;"
                 "CREATE TABLE IF NOT EXISTS soong.environment ("
                 "  name text NOT NULL,"
                 "  recorded_at timestamptz NOT NULL DEFAULT now(),"
                 "  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row))");
  static_cast<void>(execute_sql(
      conn, "INSERT INTO soong.environment (name) VALUES ($1) ON CONFLICT (only_row) DO NOTHING",
      std::string(name)));
}

void guard_production(connection& conn, std::string_view action, std::string_view database,
                      bool allowed) {
  if (allowed) return;
  const std::optional<std::string> recorded = recorded_environment(conn);
  if (recorded != production_environment) return;
  throw soong::error(fmt::format(
      "refusing to {} on database \"{}\": it is recorded as a production database; pass {} to "
      "do it anyway",
      action, database, allow_production_flag));
}

}  // namespace soong::gen::lifecycle
