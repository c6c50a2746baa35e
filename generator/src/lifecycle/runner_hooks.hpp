#pragma once
// `soong db` with the migration runner behind it: `seed` refuses while migrations are pending,
// and `setup` / `schema-load` apply a migrations folder through the runner, which records what
// it applied (so `soong migrate status` agrees afterwards).

#include "lifecycle/migration_hooks.hpp"

namespace soong::gen::lifecycle {

/// Hooks backed by migration_runner with its default options.
[[nodiscard]] migration_hooks runner_hooks();

}  // namespace soong::gen::lifecycle
