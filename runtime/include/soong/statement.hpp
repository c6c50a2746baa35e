#pragma once
// The compile-time description of one query that generated code passes to soong::execute.

#include <span>
#include <string_view>

#include "soong/oid.hpp"

namespace soong {

/// A PostgreSQL type as the generator saw it. Built-in types carry their fixed OID; user types
/// (enums, composites, domains, extension types like citext) carry `oid = 0` and are resolved
/// by `schema.name` on each connection, because their OIDs differ between databases.
struct type_ref {
  oid_t oid = 0;
  std::string_view schema;
  std::string_view name;
};

/// One query: its name (for errors and hooks), its SQL with `$n` parameters, and the types of
/// its parameters and result columns. Generated code declares one per query in the `detail`
/// namespace of the query file's header (`extern const soong::statement get_user_statement;`)
/// and defines it in the file's source, next to its `soong::type_ref` arrays
/// (docs/runtime-api.md, "Complete example of generated code", quotes one). Every result's
/// column types are checked against `columns`; an empty `columns` (`:exec` queries) is checked
/// against what the server described when the statement was prepared.
struct statement {
  std::string_view name;
  std::string_view sql;
  std::span<const type_ref> params{};
  std::span<const type_ref> columns{};
};

}  // namespace soong
