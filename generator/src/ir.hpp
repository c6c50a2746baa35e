#pragma once
// The query IR: plain data passed between the generator's stages (docs/design.md, "The
// generator pipeline, as data"). No stage here touches the filesystem or a server; `soong describe`
// prints this structure as JSON, so it is also the interface for other tools.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"

namespace soong::gen {

/// A position in a user's file: 1-based line and column (column counts code points).
struct source_location {
  std::string file;
  int line = 0;
  int column = 0;
};

/// How a PostgreSQL type is built, as far as the emitter and the runtime care.
enum class type_kind { base, enumeration, composite, domain, pseudo };

/// A PostgreSQL type as PostgreSQL resolved it. For arrays, the fields describe the element
/// type and `array_dims` is > 0 (PostgreSQL does not enforce dimensions; a described
/// `int4[]` column is reported with `array_dims == 1`).
struct pg_type {
  std::uint32_t oid = 0;  // of the element type; only builtin OIDs (< 16384) are stable
  std::string schema;     // pg_namespace.nspname of the element type
  std::string name;       // pg_type.typname of the element type: "int4", "mood"
  type_kind kind = type_kind::base;
  int array_dims = 0;
  /// For domains: the base type's name (the runtime codec is the base type's).
  std::string domain_base;
  std::uint32_t domain_base_oid = 0;
  /// For domains over arrays (`CREATE DOMAIN tags AS text[]`): the base's dimensions;
  /// `domain_base` then names the base's element type.
  int domain_base_array_dims = 0;
  /// The type modifier of this use of the type (PQfmod, atttypmod): `varchar(20)` → 24,
  /// `numeric(10,2)` → 655366; -1 when there is none. Parameters carry none, except a domain
  /// declared with one (`CREATE DOMAIN handle AS varchar(20)`), which reports the domain's.
  int typmod = -1;
};

/// Where a result column comes from (PQftable/PQftablecol), when it is a plain table column.
struct column_origin {
  std::string schema;
  std::string table;
  std::string column;
};

/// One `$n` parameter after rewriting.
struct param {
  int number = 0;    // n in $n
  std::string name;  // C++-safe name, unique within the query
  pg_type type;
  bool nullable = false;
};

/// One result column.
struct column {
  std::string name;  // as sent by the server, override suffix ("!"/"?") removed
  pg_type type;
  bool nullable = true;  // sound default: optional unless proven non-null
  std::optional<column_origin> origin;
  /// For arrays: whether an element may be NULL (sound default; a CHECK constraint of the
  /// origin column or an `AS "name[!]"` override proves otherwise).
  bool elements_nullable = true;
};

/// The target of a `:copyfrom` query (`INSERT INTO t (a, b) VALUES ($1, $2)` → COPY t (a, b)).
/// `columns[i]` receives parameter `$i+1`.
struct copy_target {
  std::string schema;  // empty when the statement does not qualify the table
  std::string table;
  std::vector<std::string> columns;
};

/// `sqlc.embed(name)` in a query's select list: result columns [first_column, first_column +
/// column_count) are the columns of table `schema.table`, in table order, and the row holds
/// them as one member of the table's struct.
struct embedded_table {
  std::string name;  // as written in sqlc.embed(...): the member's SQL name
  std::string schema;
  std::string table;
  std::size_t first_column = 0;
  std::size_t column_count = 0;
  /// On the nullable side of an outer join (a column NOT NULL in the table may be NULL in
  /// the result): the member is optional, absent when all its columns are NULL.
  bool nullable = false;
};

/// Where a query may run when the application has replicas (docs/replicas.md).
enum class query_route {
  primary,  // writes, or reads that must see the primary (a `-- soong:route primary` line)
  replica   // read-only: a hot standby can answer it
};

/// Whether a statement changes anything, judged from its parse tree and the catalog.
struct statement_access {
  bool read_only = false;
  /// Why it is not read-only, e.g. "INSERT", "FOR UPDATE", "nextval()"; empty when read-only.
  std::string reason{};
};

/// One annotated query.
struct query {
  std::string name;  // from the annotation: "GetUser"
  command cmd = command::one;
  source_location location;   // of the statement's first token
  std::string sql;            // as written (the statement text, annotation stripped)
  std::string rewritten_sql;  // parameters rewritten to $n, override suffixes removed
  std::vector<param> params;
  std::vector<column> columns;
  std::optional<copy_target> copy;       // set for command::copyfrom
  std::vector<embedded_table> embeds{};  // in column order
  /// For a statement with its own top-level `WITH` list: the byte offset in `rewritten_sql`
  /// where the statement after that list begins (0 otherwise). The JSON variants add their CTE
  /// to that list instead of nesting the statement, because PostgreSQL refuses a
  /// data-modifying `WITH` below the top level.
  std::size_t main_statement_offset = 0;
  /// What the statement does, as classified (parse/statement_access.hpp).
  statement_access access{};
  /// Where generated cluster overloads send it: `route_override` when given, else replica for a
  /// read-only statement and primary otherwise.
  query_route route = query_route::primary;
  /// A `-- soong:route primary|replica` line between the annotation and the statement.
  std::optional<query_route> route_override{};
  /// The RDS Data API form (`:name` placeholders cast to their types, result columns sent in
  /// binary; oracle/data_api_form.hpp), prepared on the build-time server; empty when that
  /// failed, `data_api_error` then says why.
  std::string data_api_sql{};
  std::string data_api_error{};
  /// The same for the `_json` twin of a `:one` or `:many` (the twin's SQL, statement_emitter.hpp,
  /// with the Data API's placeholders), prepared on the build-time server whether or not a
  /// target asks for the twin; empty for other commands or when that failed (see
  /// `data_api_json_error`).
  std::string data_api_json_sql{};
  std::string data_api_json_error{};
  /// The author's description: comments above the `-- name:` line and right after it, markers
  /// stripped (parse/doc_comment.hpp). Empty when there are none.
  std::string doc{};
  /// A `-- soong:json on|off` line: whether it gets a `_json` twin, whatever `--json` says.
  std::optional<bool> json_override{};
  /// The statement always yields exactly one row (parse/row_count.hpp): a `:one` function
  /// returns the row itself instead of std::optional of it.
  bool exactly_one_row = false;
};

/// Catalog facts the emitter needs to declare shared types.
struct enum_type {
  std::string schema;
  std::string name;
  std::vector<std::string> labels;  // in enumsortorder
  std::string doc{};                // COMMENT ON TYPE, empty when none
};

struct composite_field {
  std::string name;
  pg_type type;
  bool nullable = true;  // composite fields have no NOT NULL in PostgreSQL
  std::string doc{};     // COMMENT ON COLUMN type.field, empty when none
};

struct composite_type {
  std::string schema;
  std::string name;
  std::vector<composite_field> fields;
  std::string doc{};  // COMMENT ON TYPE, empty when none
};

/// How INSERT and UPDATE may treat a column (pg_attribute.atthasdef, attidentity,
/// attgenerated): what the typed CRUD functions may leave out and what they can never write.
enum class column_write {
  plain,                // no default: INSERT must give a value (or NULL when nullable)
  has_default,          // DEFAULT expr: INSERT may leave it out
  identity_by_default,  // GENERATED BY DEFAULT AS IDENTITY: may be left out or given
  identity_always,      // GENERATED ALWAYS AS IDENTITY: never written
  generated             // GENERATED ALWAYS AS (expr) STORED: never written
};

struct table_column {
  std::string name;
  pg_type type;
  bool not_null = false;
  column_write write = column_write::plain;
  /// format_type(atttypid, atttypmod), schema-qualified where needed: the cast the CRUD
  /// statements put on array parameters (`$1::int8[]`), which the server cannot infer.
  std::string sql_type{};
  std::string doc{};  // COMMENT ON COLUMN, empty when none
};

/// A primary key, unique constraint or non-partial unique index on plain columns.
struct key_constraint {
  std::string name;                  // constraint or index name
  std::vector<std::string> columns;  // in key order
};

/// A foreign key of the table (referencing columns in key order).
struct foreign_key {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_schema;
  std::string ref_table;
};

struct table {
  std::string schema;
  std::string name;
  bool is_view = false;
  std::vector<table_column> columns;  // in attnum order, dropped columns skipped
  // Initialised here so aggregate initialisations that stop at `columns` stay complete.
  std::vector<std::string> primary_key{};     // column names in key order; empty: none
  std::vector<key_constraint> unique_keys{};  // sorted by name
  std::vector<foreign_key> foreign_keys{};    // sorted by name
  std::string doc{};                          // COMMENT ON TABLE / VIEW, empty when none
};

/// A table whose typed CRUD functions are generated (docs/crud.md): `--crud`,
/// `add_sql_queries(... CRUD ...)` or a `-- soong:crud` line. Resolved against the schema, so
/// `schema` and `table` name a table of `ir::tables`.
struct crud_request {
  std::string schema;
  std::string table;
  /// Optimistic locking: this integer column must match on update and is incremented.
  std::string version_column;
};

/// Everything the emitter receives.
struct ir {
  std::vector<enum_type> enums;
  std::vector<composite_type> composites;
  std::vector<table> tables;
  std::vector<query> queries;
  std::vector<crud_request> crud;  // sorted by schema and table, one per table
};

}  // namespace soong::gen
