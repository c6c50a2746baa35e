// runner_hooks: migration_runner behind `soong db`'s two seams.

#include "lifecycle/runner_hooks.hpp"

#include <filesystem>
#include <iostream>

#include "lifecycle/migration_folder.hpp"
#include "lifecycle/migration_runner.hpp"

namespace soong::gen::lifecycle {

migration_hooks runner_hooks() {
  migration_hooks hooks;
  hooks.pending_migrations = [](const database_target& target,
                                const std::optional<std::string>& folder) {
    runner_options options;
    options.dir = migrations_dir(folder);
    // A project without a migrations folder has nothing pending.
    if (!std::filesystem::is_directory(options.dir)) return std::vector<std::string>{};
    return migration_runner(target, options, std::cerr, std::cerr).pending();
  };
  hooks.apply_migrations = [](const migrations_run& run, std::ostream& out) {
    runner_options options;
    options.dir = run.folder;
    options.environment = run.environment;
    migration_runner runner(*run.target, options, out, std::cerr);
    static_cast<void>(runner.up({}));
    return 0;
  };
  return hooks;
}

}  // namespace soong::gen::lifecycle
