#pragma once
// `soong db ...` on the command line.

#include <CLI/CLI.hpp>

#include "driver/subcommand.hpp"
#include "lifecycle/migration_hooks.hpp"

namespace soong::gen {

/// Adds `db` and its subcommands to `app`. `hooks` connect it to a migration runner (see
/// lifecycle/migration_hooks.hpp); without them seed sees nothing pending and a migrations
/// folder is loaded like a schema.
[[nodiscard]] registered_subcommand add_db_subcommand(CLI::App& app,
                                                      lifecycle::migration_hooks hooks = {});

}  // namespace soong::gen
