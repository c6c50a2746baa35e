#pragma once
// The generator pipeline from files to IR (docs/design.md, "The generator pipeline, as data"):
// parse every query file, then either load the typed IR from the cache or start the oracle,
// apply the schema, describe every query and infer nullability.

#include <optional>
#include <string>

#include "diag/diagnostic.hpp"
#include "driver/inputs.hpp"
#include "ir.hpp"

namespace soong::gen {

struct pipeline_options {
  /// Type against this server (a scratch database is created and dropped) instead of a
  /// throwaway embedded one.
  std::optional<std::string> database_url;
  /// Cache folder; empty: no cache.
  std::string cache_dir;
  /// Print what the pipeline does (server start, cache hits) to stderr.
  bool verbose = false;
};

/// The result of a run: the IR (queries with errors left out) and every diagnostic.
struct pipeline_result {
  ir model;
  diagnostics diags;
  bool cache_hit = false;
};

/// Runs the pipeline. Problems in the user's SQL become diagnostics; a server that cannot be
/// started or reached is reported as an error diagnostic without a location.
[[nodiscard]] pipeline_result build_ir(const run_inputs& inputs, const pipeline_options& options);

}  // namespace soong::gen
