#pragma once
// The folder compared with the ledger: what is applied, pending, changed since it was applied,
// missing from the folder, out of order or stopped part-way. Pure: no database, no files.

#include <optional>
#include <string>
#include <vector>

#include "lifecycle/migration_folder.hpp"
#include "lifecycle/migration_ledger.hpp"

namespace soong::gen::lifecycle {

/// An applied migration whose file's tokens differ from the recorded ones.
struct changed_migration {
  const migration* file = nullptr;
  const applied_migration* row = nullptr;
  /// "20240102030405_add_bio.sql:3:14: `text` where the applied file had `varchar`"
  std::string first_difference;
};

struct migration_plan {
  /// Applied (complete) migrations that still have their file, by version.
  std::vector<std::pair<const migration*, const applied_migration*>> applied;
  /// Files not in the ledger, by version.
  std::vector<const migration*> pending;
  /// Pending files older than the newest applied version.
  std::vector<const migration*> out_of_order;
  /// Ledger rows without a file.
  std::vector<const applied_migration*> missing;
  std::vector<changed_migration> changed;
  /// A non-transactional migration that stopped part-way (its file, its row).
  std::optional<std::pair<const migration*, const applied_migration*>> partial;
};

[[nodiscard]] migration_plan plan_migrations(const std::vector<migration>& files,
                                             const std::vector<applied_migration>& ledger);

/// What the plan may contain before the runner applies or rolls back anything.
struct plan_rules {
  bool allow_out_of_order = false;
  bool ignore_missing = false;
  /// `up --resume`: a partial migration is continued instead of refused.
  bool resume = false;
};

/// Throws soong::error for the first problem: a changed migration (naming the version and the
/// first differing token), a missing file, an out-of-order pending migration, a partial
/// migration without --resume (or --resume with none).
void check_plan(const migration_plan& plan, const plan_rules& rules);

/// The first difference between `file`'s tokens and the recorded ones, empty when none: the up
/// part's, then the down part's (rows recorded before down parts were checksummed have no
/// down tokens; only their up part is compared).
[[nodiscard]] std::string first_token_difference(const migration& file,
                                                 const applied_migration& row);

/// Whether `file` differs from what `row` recorded (up part, and down part when recorded).
[[nodiscard]] bool differs(const migration& file, const applied_migration& row);

/// For `up --resume`: the first difference between the tokens of `file` before byte
/// `prefix_end` (the end of the statements already run) and the tokens recorded when they ran;
/// empty when that prefix is unchanged.
[[nodiscard]] std::string resumed_prefix_difference(const migration& file,
                                                    const applied_migration& row,
                                                    std::size_t prefix_end);

}  // namespace soong::gen::lifecycle
