#include "lifecycle/foreign_ledger.hpp"

#include <fmt/format.h>

#include <charconv>

#include "soong/connection.hpp"
#include "soong/error.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {

namespace {

bool table_exists(connection& conn, const std::string& name) {
  return execute_sql(conn, "SELECT to_regclass($1) IS NOT NULL", name).get<bool>(0, 0);
}

bool has_column(connection& conn, const std::string& table, const std::string& column) {
  return execute_sql(conn,
                     "SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass($1)"
                     " AND attname = $2 AND NOT attisdropped)",
                     table, column)
      .get<bool>(0, 0);
}

/// A recorded version as an integer: digits, optionally followed by a fraction (a Unix time
/// written by a float) that is dropped.
std::uint64_t version_of(const std::string& text, const std::string& table) {
  std::uint64_t v = 0;
  const auto [rest, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || rest == text.data() ||
      (rest != text.data() + text.size() && *rest != '.')) {
    throw soong::error(fmt::format("{} records version '{}', which is not a number", table, text));
  }
  return v;
}

void require_table(connection& conn, const std::string& table, const std::string& tool) {
  if (!table_exists(conn, table)) {
    throw soong::error(
        fmt::format("adopt --from {}: the database has no {} table to adopt", tool, table));
  }
}

}  // namespace

foreign_versions read_foreign_ledger(connection& conn, const std::string& tool) {
  foreign_versions out;
  if (tool == "cruddur") {
    out.table = "schema_information.last_successful_run (cruddur)";
    require_table(conn, "schema_information", tool);
    const result r = execute_sql(conn, "SELECT last_successful_run::text FROM schema_information");
    if (r.rows() != 1 || r.is_null(0, 0)) {
      throw soong::error(fmt::format(
          "schema_information has {} rows{}; adopt needs exactly one last_successful_run", r.rows(),
          r.rows() == 1 ? " with a NULL last_successful_run" : ""));
    }
    out.up_to = version_of(r.get<std::string>(0, 0), out.table);
  } else if (tool == "golang-migrate") {
    out.table = "schema_migrations (golang-migrate)";
    require_table(conn, "schema_migrations", tool);
    if (!has_column(conn, "schema_migrations", "dirty")) {
      throw soong::error(
          "schema_migrations has no dirty column: it is not golang-migrate's "
          "(dbmate's? try --from dbmate)");
    }
    const result r = execute_sql(conn, "SELECT version::text, dirty FROM schema_migrations");
    if (r.rows() != 1) {
      throw soong::error(
          fmt::format("schema_migrations has {} rows; golang-migrate keeps exactly one", r.rows()));
    }
    if (r.get<bool>(0, 1)) {
      throw soong::error(fmt::format(
          "schema_migrations is dirty: golang-migrate's migration {} failed part-way; fix the "
          "schema by hand and clear the flag before adopting",
          r.get<std::string>(0, 0)));
    }
    out.up_to = version_of(r.get<std::string>(0, 0), out.table);
  } else if (tool == "dbmate") {
    out.table = "schema_migrations (dbmate)";
    require_table(conn, "schema_migrations", tool);
    if (has_column(conn, "schema_migrations", "dirty")) {
      throw soong::error(
          "schema_migrations has a dirty column: it is golang-migrate's (try "
          "--from golang-migrate)");
    }
    const result r = execute_sql(conn, "SELECT version::text FROM schema_migrations");
    for (int i = 0; i < r.rows(); ++i) {
      out.versions.insert(version_of(r.get<std::string>(i, 0), out.table));
    }
  } else if (tool == "goose") {
    out.table = "goose_db_version (goose)";
    require_table(conn, "goose_db_version", tool);
    // goose appends a row per up and per down; a version's newest row says where it stands.
    const result r = execute_sql(
        conn,
        "SELECT DISTINCT ON (version_id) version_id::text, is_applied FROM goose_db_version"
        " WHERE version_id > 0 ORDER BY version_id, id DESC");
    for (int i = 0; i < r.rows(); ++i) {
      if (r.get<bool>(i, 1)) out.versions.insert(version_of(r.get<std::string>(i, 0), out.table));
    }
  } else if (tool == "sqlx") {
    out.table = "_sqlx_migrations (sqlx)";
    require_table(conn, "_sqlx_migrations", tool);
    const result r =
        execute_sql(conn, "SELECT version::text, success FROM _sqlx_migrations ORDER BY version");
    for (int i = 0; i < r.rows(); ++i) {
      if (!r.get<bool>(i, 1)) {
        throw soong::error(fmt::format(
            "_sqlx_migrations is dirty: migration {} is recorded as failed; fix the schema and "
            "the row before adopting",
            r.get<std::string>(i, 0)));
      }
      out.versions.insert(version_of(r.get<std::string>(i, 0), out.table));
    }
  } else {
    throw soong::error(fmt::format(
        "adopt --from {}: expected cruddur, dbmate, goose, golang-migrate or sqlx", tool));
  }
  return out;
}

}  // namespace soong::gen::lifecycle
