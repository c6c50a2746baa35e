#pragma once
// The record of applied migrations: soong.schema_migrations, one row per version, written in
// the same transaction as the migration it records. A non-transactional migration's row is
// written before its first statement and counts the statements that completed, so a failure
// part-way is visible (`status`) and resumable (`up --resume`).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lifecycle/migration_folder.hpp"

namespace soong {
class connection;
}

namespace soong::gen::lifecycle {

/// One row of the ledger.
struct applied_migration {
  std::uint64_t version = 0;
  std::string name;
  std::string checksum;
  /// The checksum tokens recorded with it, to name the first difference after an edit.
  std::vector<std::string> tokens;
  /// The down part's checksum and tokens; nullopt / empty for a row recorded before down
  /// parts were checksummed, which is verified on its up part only.
  std::optional<std::string> down_checksum;
  std::vector<std::string> down_tokens;
  std::string applied_at;  // ISO 8601, UTC
  /// For a non-transactional migration that stopped part-way: statements completed / total.
  std::optional<int> statements_done;
  std::optional<int> statements_total;

  [[nodiscard]] bool complete() const { return !statements_done.has_value(); }
};

/// Whether soong.schema_migrations exists (no DDL needed to ask).
[[nodiscard]] bool ledger_exists(connection& conn);

/// Creates the bookkeeping schema and table when missing. Call with the runner's lock held:
/// concurrent CREATE ... IF NOT EXISTS can still collide in the catalog.
void ensure_ledger(connection& conn);

/// Every row, by version; empty when the table does not exist.
[[nodiscard]] std::vector<applied_migration> read_ledger(connection& conn);

/// Records `m` as applied (inside the migration's transaction).
void record_applied(connection& conn, const migration& m, std::int64_t duration_ms);

/// Records that `done` of `total` statements of non-transactional `m` have completed
/// (inserting the row on the first call).
void record_progress(connection& conn, const migration& m, int done, int total);

/// Removes `version`'s row (inside the rollback's transaction).
void forget_applied(connection& conn, std::uint64_t version);

/// Replaces `version`'s recorded checksums and tokens (up and down) with the file's (`repair`).
void update_checksum(connection& conn, const migration& m);

}  // namespace soong::gen::lifecycle
