#pragma once
// Builds a query's Data API form on the build-time server and prepares it there, so a form
// PostgreSQL refuses (a type without a binary send function, a cast it cannot make) is known
// at build time instead of when the service first runs it.

#include <libpq-fe.h>

#include "ir.hpp"

namespace soong::gen {

/// Sets `q.data_api_sql`, or `q.data_api_error` with PostgreSQL's reason when the form does not
/// prepare (reported by the emitter only for targets generating Data API functions). For a
/// `:one` or `:many` without `sqlc.embed`, the same for its `_json` twin: `q.data_api_json_sql`
/// or `q.data_api_json_error`.
void build_data_api_form(PGconn* conn, query& q);

}  // namespace soong::gen
