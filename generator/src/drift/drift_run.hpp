#pragma once
// `soong drift`: applies schema.sql to a throwaway database, snapshots it and the live
// database the same way, and prints the differences.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "drift/snapshot_diff.hpp"
#include "parse/schema_input.hpp"

namespace soong::gen::drift {

/// What `soong drift` compares and how it reports.
struct drift_options {
  /// The schema as read by the driver, in the order it is applied.
  std::vector<schema_file_text> schema_files;
  bool schema_is_migrations = false;
  /// The deployed database (libpq URL or conninfo). Only read from.
  std::string database_url;
  /// Apply the schema in a scratch database on this server instead of the embedded
  /// throwaway one (the scratch database is dropped afterwards).
  std::optional<std::string> scratch_url;
  /// Schemas to compare; default `public`.
  std::vector<std::string> schema_names = {"public"};
  diff_options diff;
  /// "text" or "json".
  std::string format = "text";
};

/// Runs the comparison and prints the differences to `out` (text lines or JSON). Returns the
/// exit code: 0 equal, 1 drift, 2 error (unreachable database, schema that does not apply:
/// the reason goes to `err`).
[[nodiscard]] int run_drift(const drift_options& options, std::ostream& out, std::ostream& err);

}  // namespace soong::gen::drift
