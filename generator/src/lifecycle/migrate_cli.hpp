#pragma once
// `soong migrate ...` on the command line.

#include "driver/subcommand.hpp"

namespace soong::gen::lifecycle {

/// Registers `soong migrate` and its subcommands (new, up, down, redo, status, verify, repair,
/// adopt, check, compat) on `app`.
[[nodiscard]] registered_subcommand add_migrate_subcommand(CLI::App& app);

/// Registers `soong schema dump` on `app`.
[[nodiscard]] registered_subcommand add_schema_subcommand(CLI::App& app);

}  // namespace soong::gen::lifecycle
