#pragma once
// A database's schema objects as plain data, for `soong drift`: what two databases are
// compared on. Read the same way from both sides (drift/snapshot_reader.hpp), so every text
// field is PostgreSQL's own rendering (format_type, pg_get_expr, pg_get_constraintdef, ...)
// and equal objects give equal snapshots whatever their OIDs.

#include <string>
#include <vector>

namespace soong::gen::drift {

/// One column of a table or view.
struct column_snapshot {
  std::string name;
  std::string type;  // format_type(atttypid, atttypmod): "character varying(20)"
  bool not_null = false;
  std::string default_expr;    // pg_get_expr(adbin); empty when none (and for generated)
  std::string generated_expr;  // GENERATED ALWAYS AS (...) STORED; empty when not generated
  std::string identity;        // "ALWAYS", "BY DEFAULT" or empty
  int position = 0;            // 1-based among the non-dropped columns (attnum has gaps)
};

/// A table, partitioned table, view, materialized view or foreign table.
struct relation_snapshot {
  std::string schema;
  std::string name;
  std::string kind;                      // "table", "view", "materialized view", "foreign table"
  std::string view_definition;           // pg_get_viewdef(oid, true) for views; empty otherwise
  std::vector<column_snapshot> columns;  // in position order
};

/// A primary key, unique, foreign key, check or exclusion constraint of a table.
struct constraint_snapshot {
  std::string schema;
  std::string table;
  std::string name;
  std::string definition;  // pg_get_constraintdef(oid, true): "FOREIGN KEY (a) REFERENCES t(b)"
};

/// An index that does not back a constraint (those are compared as constraints).
struct index_snapshot {
  std::string schema;
  std::string table;
  std::string name;
  /// pg_get_indexdef with the index name taken out: "CREATE INDEX ON public.t USING btree (a)",
  /// so two indexes that differ only by name have the same definition.
  std::string definition;
};

struct enum_snapshot {
  std::string schema;
  std::string name;
  std::vector<std::string> labels;  // in enumsortorder
};

struct composite_field_snapshot {
  std::string name;
  std::string type;  // format_type with typmod
};

struct composite_snapshot {
  std::string schema;
  std::string name;
  std::vector<composite_field_snapshot> fields;  // in attnum order (it is the wire order)
};

struct domain_check_snapshot {
  std::string name;
  std::string definition;  // "CHECK (VALUE > 0)"
};

struct domain_snapshot {
  std::string schema;
  std::string name;
  std::string base_type;  // format_type(typbasetype, typtypmod)
  bool not_null = false;
  std::string default_expr;
  std::vector<domain_check_snapshot> checks;  // sorted by name
};

struct extension_snapshot {
  std::string name;
  std::string version;  // recorded, not compared (two servers may ship different versions)
};

/// Everything `soong drift` compares, each list sorted by schema then name.
struct catalog_snapshot {
  std::vector<relation_snapshot> relations;
  std::vector<constraint_snapshot> constraints;
  std::vector<index_snapshot> indexes;
  std::vector<enum_snapshot> enums;
  std::vector<composite_snapshot> composites;
  std::vector<domain_snapshot> domains;
  std::vector<extension_snapshot> extensions;
};

}  // namespace soong::gen::drift
