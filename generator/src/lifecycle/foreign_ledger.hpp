#pragma once
// Other tools' records of applied migrations, read for `soong migrate adopt --from ...`:
// Cruddur-style `schema_information.last_successful_run`, dbmate's and golang-migrate's
// `schema_migrations`, goose's `goose_db_version`, sqlx's `_sqlx_migrations`.

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace soong {
class connection;
}

namespace soong::gen::lifecycle {

/// What another tool says is applied: a set of versions, or every version up to one.
struct foreign_versions {
  std::string table;  // for messages: `schema_migrations (golang-migrate)`
  std::set<std::uint64_t> versions;
  std::optional<std::uint64_t> up_to;
};

/// Reads the ledger of `tool` (cruddur, dbmate, goose, golang-migrate, sqlx). Throws
/// soong::error when the table is missing, for an unknown tool, and for a dirty ledger (a
/// migration the tool recorded as failed or half-applied): adopting it would record a broken
/// schema as applied.
[[nodiscard]] foreign_versions read_foreign_ledger(connection& conn, const std::string& tool);

}  // namespace soong::gen::lifecycle
