#pragma once
// Applying and rolling back migrations: the library behind `soong migrate` (and what `soong db
// setup` / `soong db seed` call to apply or count pending migrations).
//
// Guarantees: a migration and its ledger row commit together, under a lock_timeout; a
// migration that cannot run in a transaction runs statement by statement with its progress in
// the ledger; one runner at a time (runner_lock.hpp); nothing runs while an applied file has
// changed, an applied file is missing, or a pending file is older than the newest applied one
// (unless allowed).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "lifecycle/database_target.hpp"
#include "lifecycle/migration_plan.hpp"

namespace soong::gen::lifecycle {

enum class lock_mode { session, transaction };

struct runner_options {
  std::filesystem::path dir = "migrations";
  lock_mode lock = lock_mode::session;
  /// How long to wait for another runner (`--lock-timeout`).
  std::chrono::milliseconds lock_wait{std::chrono::minutes(1)};
  /// The lock_timeout each migration runs under unless its file sets one
  /// (`-- migrate:lock_timeout 10s`): a migration waiting for a busy table's lock would block
  /// every query queued behind it.
  std::string statement_lock_timeout = "5s";
  plan_rules rules;
  /// The environment recorded with the first migration (production_guard.hpp).
  std::string environment = "development";
};

struct up_options {
  /// Apply pending migrations up to and including this version.
  std::optional<std::uint64_t> to;
  bool dry_run = false;
};

struct down_options {
  int steps = 1;
  /// Roll back every applied migration newer than this version (0: all of them).
  std::optional<std::uint64_t> to;
  bool allow_production = false;
};

/// A runner for one database and one migrations folder. Every action prints one line to
/// `out`; lock waits go to `progress`. Errors are soong::error with a one-line message.
class migration_runner {
 public:
  migration_runner(database_target target, runner_options options, std::ostream& out,
                   std::ostream& progress);

  /// The pending migrations, oldest first (the folder and ledger checked as for `up`).
  [[nodiscard]] std::vector<std::string> pending();
  /// Applies pending migrations; returns how many were applied (or would be, dry run).
  int up(const up_options& options);
  /// Rolls back; returns how many were rolled back.
  int down(const down_options& options);
  /// Rolls back the newest migration and applies it again.
  void redo(bool allow_production);
  /// One line (or a JSON document) per migration; returns 1 when anything is pending,
  /// partial, changed or missing, else 0.
  int status(bool json);
  /// Compares the applied files' checksums with the ledger; 1 when any differs.
  int verify();
  /// Records the file's checksum for `version` (an intended edit).
  void repair(std::uint64_t version);
  /// Imports another tool's ledger (cruddur, dbmate, goose, golang-migrate, sqlx); returns
  /// how many versions were adopted.
  int adopt(const std::string& from);

 private:
  class work_connection;
  /// Applies `m` and records it in one transaction; false when another runner (transaction
  /// lock mode) applied it meanwhile.
  bool apply_in_transaction(work_connection& work, const migration& m);
  /// Applies `m` statement by statement from statement `from` (0-based), recording progress.
  void apply_statement_by_statement(work_connection& work, const migration& m,
                                    const std::vector<migration_statement>& statements, int from);
  database_target target_;
  runner_options options_;
  std::ostream& out_;
  std::ostream& progress_;
  std::vector<migration> files_;
};

/// Parses a version given on the command line (`--to`, `--version`).
[[nodiscard]] std::uint64_t parse_version(const std::string& text, const std::string& option);

}  // namespace soong::gen::lifecycle
