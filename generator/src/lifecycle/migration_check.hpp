#pragma once
// Checks that run the migrations on a throwaway server, where nothing can be hurt:
//
// - `migrate check`: the migrations folder and schema.sql build the same catalog (the same
//   one-line differences as `soong drift`), and every migration with a down section gives
//   back the catalog it started from (up, down, up).
// - `migrate compat`: while a deploy runs, the previous release's app meets the schema after
//   the new migrations, and the new app may meet the schema before them; every query of
//   either that PostgreSQL would not prepare on the schema it meets is reported.

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace soong::gen::lifecycle {

struct check_options {
  std::filesystem::path dir;
  /// schema.sql files (or folders of them) the migrations must agree with; none: only the
  /// up/down/up check.
  std::vector<std::string> schema;
  std::vector<std::string> schema_names = {"public"};
};

/// Prints one line per difference; returns 0 (none), 1 (differences) or throws soong::error.
[[nodiscard]] int run_migrate_check(const check_options& options, std::ostream& out);

struct compat_options {
  /// This release's migrations folder and query files/folders.
  std::filesystem::path dir;
  std::vector<std::string> queries;
  /// The previous release's source tree: its migrations and queries are found at the same
  /// relative paths (`dir`, `queries`) below it.
  std::filesystem::path previous_root;
};

/// Prints one line per query that would break; returns 0 (none), 1 (some) or throws.
[[nodiscard]] int run_migrate_compat(const compat_options& options, std::ostream& out);

}  // namespace soong::gen::lifecycle
