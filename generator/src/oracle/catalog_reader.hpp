#pragma once
// The user's schema objects as the emitter needs them: enums, composite types, tables and
// views of every non-system schema, read from pg_catalog after the schema was applied.

#include <libpq-fe.h>

#include "ir.hpp"
#include "oracle/type_catalog.hpp"

namespace soong::gen {

/// Fills `out.enums`, `out.composites` (types made by CREATE TYPE ... AS (...)) and
/// `out.tables` (tables, partitioned tables, views, materialized views and foreign tables;
/// columns in attnum order, dropped columns skipped, NOT NULL from attnotnull, always false for
/// views). Objects in pg_catalog, information_schema, pg_toast and temp schemas, and objects
/// that belong to an extension, are left out: the user did not write them. Sorted by schema
/// then name, so the output is deterministic. Replaces what those three vectors held.
void read_schema_objects(PGconn* conn, type_catalog& types, ir& out);

}  // namespace soong::gen
