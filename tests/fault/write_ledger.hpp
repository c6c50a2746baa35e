#pragma once
// What a client was told about each write it attempted, and the check of the database
// against it: a write reported committed is there exactly once; a write reported failed is
// absent; a write whose outcome the client could not know (the connection was lost while a
// commit was in flight: soong's connection_error) is there entirely or not at all. Nothing is
// ever there twice (soong never retries a statement on its own).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace soong::test {

enum class write_outcome { committed, failed, in_doubt };

/// One attempted write: rows `first_id .. first_id + rows - 1` of one operation.
struct attempted_write {
  std::string kind;  // "statement", "transaction", "batch", "copy"
  std::int64_t first_id = 0;
  int rows = 0;
  write_outcome outcome = write_outcome::failed;
};

/// The totals of a check; `lost`, `duplicated`, `partial` and `phantom` must be 0.
struct ledger_check {
  int committed = 0;
  int failed = 0;
  int in_doubt = 0;
  int in_doubt_applied = 0;
  int lost = 0;        ///< committed writes missing (some or all rows)
  int duplicated = 0;  ///< rows present more than once
  int partial = 0;     ///< writes with only some of their rows present
  int phantom = 0;     ///< failed writes whose rows are present
};

/// Compares `writes` with `row_counts` (id -> times present in the table).
[[nodiscard]] inline ledger_check check_ledger(const std::vector<attempted_write>& writes,
                                               const std::map<std::int64_t, int>& row_counts) {
  ledger_check check;
  for (const attempted_write& w : writes) {
    int present = 0;
    for (std::int64_t id = w.first_id; id < w.first_id + w.rows; ++id) {
      const auto found = row_counts.find(id);
      const int times = found == row_counts.end() ? 0 : found->second;
      if (times > 1) ++check.duplicated;
      if (times > 0) ++present;
    }
    const bool all = present == w.rows;
    const bool none = present == 0;
    if (!all && !none) ++check.partial;
    switch (w.outcome) {
      case write_outcome::committed:
        ++check.committed;
        if (!all) ++check.lost;
        break;
      case write_outcome::failed:
        ++check.failed;
        if (!none) ++check.phantom;
        break;
      case write_outcome::in_doubt:
        ++check.in_doubt;
        if (all) ++check.in_doubt_applied;
        break;
    }
  }
  return check;
}

}  // namespace soong::test
