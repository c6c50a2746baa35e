#pragma once
// What the typed CRUD functions need to know about each table beyond its columns: primary key,
// unique keys, foreign keys, and which columns have a default, are identity columns or are
// generated. Read from pg_catalog after the schema was applied.

#include <libpq-fe.h>

#include "ir.hpp"

namespace soong::gen {

/// Fills `table_column::write` and `sql_type` of every column of `out.tables` (read by
/// read_schema_objects before), and each table's `primary_key`, `unique_keys` (unique
/// constraints and unique indexes without a predicate or expression, other than the primary
/// key) and `foreign_keys`. Views get none of the keys.
void read_table_keys(PGconn* conn, ir& out);

}  // namespace soong::gen
