#pragma once
// From IR to the files `generate` writes: output paths relative to the base folder, and the
// `--schema-header-only` / `--no-schema-header` split that add_sql_queries() uses.

#include "diag/diagnostic.hpp"
#include "driver/commands.hpp"
#include "driver/outputs.hpp"
#include "ir.hpp"

namespace soong::gen {

/// Emits the C++ for `model`. Emitter errors are added to `diags` (and no files returned).
[[nodiscard]] file_map emit_outputs(const ir& model, const input_options& in,
                                    const output_options& out, diagnostics& diags);

}  // namespace soong::gen
