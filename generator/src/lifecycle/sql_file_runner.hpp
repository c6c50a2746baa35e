#pragma once
// Runs SQL files statement by statement inside a transaction the caller opened (schema-load
// and seed are all-or-nothing), and turns the first failure into a compiler-style diagnostic
// at the file's line and column, with the same server-position mapping the type oracle uses.

#include <libpq-fe.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"

namespace soong::gen::lifecycle {

/// One file to run: `sql` is what is sent (for a migration, its up part with everything else
/// blanked), with the same byte offsets and lines as `original`, which diagnostics quote.
struct sql_file {
  std::string path;
  std::string original;
  std::string sql;
};

/// How a run ended: the number of statements sent, or the diagnostic of the first failure.
struct sql_run_result {
  std::size_t statements = 0;
  std::optional<diagnostic> failure;
};

/// Sends each file's statements in order on `conn`, which must be inside a transaction block.
/// A file's own `BEGIN` / `START TRANSACTION` / `COMMIT` / `END` are skipped, since the whole
/// run is one transaction; `ROLLBACK` / `ABORT`, and any statement after which the
/// transaction is no longer open, fail the run. Stops at the first failure; the caller rolls
/// back.
[[nodiscard]] sql_run_result run_in_transaction(PGconn* conn, const std::vector<sql_file>& files);

}  // namespace soong::gen::lifecycle
