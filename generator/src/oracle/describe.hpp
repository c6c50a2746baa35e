#pragma once
// Describes queries on the oracle: PQprepare + PQdescribePrepared give the exact parameter and
// result column types PostgreSQL resolved, and the table column each result comes from.

#include <libpq-fe.h>

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "diag/source_file.hpp"
#include "ir.hpp"
#include "oracle/oracle_error.hpp"
#include "oracle/type_catalog.hpp"
#include "parse/parsed_statement.hpp"

namespace soong::gen {

/// Maps a 1-based CHARACTER position in the rewritten SQL that was prepared (PostgreSQL's
/// PG_DIAG_STATEMENT_POSITION) to the place in the user's file, through the parameter
/// rewriting. The parse stage builds it. Errors without a position are mapped from position 1
/// (the statement's first character).
using position_mapper = std::function<file_position(int character_position)>;

/// Where server position `character_position` of `statement.rewritten_sql` is in `file`, the
/// query file `statement` was parsed from.
[[nodiscard]] file_position file_position_of_server_position(const source_file& file,
                                                             const parsed_statement& statement,
                                                             int character_position);

/// The position_mapper of `statement` in `file`; both must outlive it.
[[nodiscard]] position_mapper server_position_mapper(const source_file& file,
                                                     const parsed_statement& statement);

/// What PostgreSQL said about one statement: the types, or the error.
struct statement_description {
  std::vector<pg_type> param_types;  // index i is $(i+1)
  std::vector<column> columns;       // name, type (with typmod) and origin; nullable stays true
  std::optional<oracle_error> error;
};

/// Prepares `sql` as the unnamed statement and describes it. Outside a transaction a failed
/// prepare does not poison later ones, so callers keep going and report every query. A 42P18 error
/// ("could not determine data type of parameter $n") gets a hint to add a cast.
[[nodiscard]] statement_description describe_statement(PGconn* conn, type_catalog& types,
                                                       std::string_view sql,
                                                       const position_mapper& map_position);

/// Describes every query's `rewritten_sql` and fills in `params[*].type` (by `number`; a
/// described `$n` with no entry gets a param named `p<n>`) and `columns` (names, types,
/// origins; nullability is the nullability stage's). Queries that fail keep their params and
/// get no columns; their errors are returned, in query order, with `query_name` set.
/// `mapper_for(query)` gives the position mapper of that query.
[[nodiscard]] std::vector<oracle_error> describe_queries(
    PGconn* conn, type_catalog& types, std::vector<query>& queries,
    const std::function<position_mapper(const query&)>& mapper_for);

}  // namespace soong::gen
