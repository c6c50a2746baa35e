#pragma once
// Where `soong db` meets the migration runner. `soong db` works without one (a migrations
// folder is then loaded like a schema, and nothing counts as pending); the `soong` executable
// fills these in when it has a runner, so `seed` refuses while migrations are pending and
// `setup` / `schema-load` run a migrations folder through the runner (which records what it
// applied) instead of loading it as plain SQL.

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "lifecycle/database_target.hpp"

namespace soong {
class connection;
}

namespace soong::gen::lifecycle {

/// What a migrations folder run needs: the target, the folder and the environment name to
/// record (as schema-load records it).
struct migrations_run {
  const database_target* target = nullptr;
  std::string folder;
  std::string environment;
};

struct migration_hooks {
  /// The migrations not yet applied to the target database (names, oldest first). `folder`
  /// is the migrations folder the command was given (`setup --schema DIR`), else nothing: the
  /// runner's own default. Unset hook: nothing is pending. `seed` refuses when the list is not
  /// empty.
  std::function<std::vector<std::string>(const database_target& target,
                                         const std::optional<std::string>& folder)>
      pending_migrations;

  /// Applies every pending migration of a folder, printing one line per action to the stream,
  /// and returns the exit code (0 applied, 2 error). Unset: `schema-load` and `setup` load a
  /// migrations folder in one transaction like a schema file.
  std::function<int(const migrations_run& run, std::ostream& out)> apply_migrations;
};

}  // namespace soong::gen::lifecycle
