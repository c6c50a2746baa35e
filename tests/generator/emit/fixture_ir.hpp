#pragma once
// A hand-built IR for the emitter tests: the schema of live_schema.hpp and queries of every
// command, typed as PostgreSQL 15 types them.

#include "ir.hpp"

namespace soong::gen::testing {

/// The IR; with `with_batches`, also `batch.sql` (:batchexec, :batchone, :batchmany, :copyfrom).
[[nodiscard]] ir fixture_ir(bool with_batches);

}  // namespace soong::gen::testing
