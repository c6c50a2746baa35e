#pragma once
// What the nullability analysis needs to know about the schema, as plain data. The oracle
// stage fills this from pg_catalog; tests build it by hand. Nothing here talks to a server.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace soong::gen {

/// One column of a table or view, in attnum order.
struct column_fact {
  std::string name;
  /// `pg_attribute.attnotnull`. Always false for view columns: PostgreSQL does not track it,
  /// the analysis derives view nullability from the view's definition instead.
  bool not_null = false;
  /// `pg_attribute.attgenerated` is set: the value is computed from the row's other columns, so
  /// an UPDATE recomputes it even when the statement does not assign it.
  bool generated = false;
  /// A validated, inherited CHECK constraint of the table proves the column's arrays hold no
  /// NULL element (nullability/array_element_checks.hpp).
  bool elements_not_null = false;
};

/// A table, view, materialized view or foreign table.
struct relation_fact {
  std::string schema;  // pg_namespace.nspname, e.g. "public"
  std::string name;    // pg_class.relname
  std::vector<column_fact> columns;
  bool is_view = false;
  /// For views: the definition as `pg_get_viewdef(oid)` prints it (a SELECT statement).
  std::string view_definition;
};

/// All overloads of one function name, merged.
struct function_fact {
  std::string name;
  /// `pg_proc.proisstrict` of every overload (true only if all overloads are strict).
  bool strict = false;
  /// True if any overload returns a set (`proretset`).
  bool returns_set = false;
  /// True if any overload lives outside pg_catalog. STRICT only promises "NULL in, NULL out";
  /// a user's strict function may still return NULL for non-NULL input, so the analysis does
  /// not use the strictness of user-defined functions to prove non-NULL (docs/nullability.md).
  bool user_defined = false;
  /// The extensions (`pg_extension.extname`) of the overloads outside pg_catalog; "" stands
  /// for an overload that belongs to no extension (the user's own).
  std::set<std::string, std::less<>> extensions;
  /// How many overloads share the name.
  int overloads = 0;
  /// For a name with a single overload that is `LANGUAGE sql` with a plain string body: the
  /// body (`pg_proc.prosrc`), analysed with the arguments substituted.
  std::string sql_body;
  /// That overload's argument names (`pg_proc.proargnames`; "" for unnamed ones), one per
  /// argument.
  std::vector<std::string> argument_names;
};

/// What `catalog_facts::add_function` records for one overload.
struct function_overload {
  std::string_view name;
  bool strict = false;
  bool returns_set = false;
  bool user_defined = false;
  std::string_view extension;  // "" when none
  std::string_view sql_body;   // "" unless LANGUAGE sql with a string body
  std::vector<std::string> argument_names;
};

/// Catalog facts for one schema, shared by every query's analysis.
struct catalog_facts {
  std::vector<relation_fact> relations;
  /// Keyed by unqualified function name.
  std::map<std::string, function_fact, std::less<>> functions;
  /// Names of aggregate functions (`pg_proc.prokind = 'a'`), e.g. "count", "max".
  std::set<std::string, std::less<>> aggregates;
  /// Operators (by symbol) that may return NULL for non-NULL operands or whose underlying
  /// function is not strict. Builtin operators are strict except the ones the analysis already
  /// knows about (`->`, `->>`, `#>`, `#>>`, `@?`, `@@`); user-defined operators belong here.
  std::set<std::string, std::less<>> nullable_operators;
  /// Names of functions with an overload outside pg_catalog whose `pg_proc.provolatile` is 'v':
  /// a call may write, so a statement calling one is not sent to a replica
  /// (parse/statement_access.hpp).
  std::set<std::string, std::less<>> volatile_user_functions;
  /// Schemas searched for unqualified relation names, in order (PostgreSQL's search_path).
  std::vector<std::string> search_path{"public", "pg_catalog"};

  /// Records one overload of a function; merges strictness as "all overloads strict".
  void add_function(std::string_view name, bool strict, bool returns_set, bool user_defined);
  /// The same, with the overload's extension and SQL body.
  void add_function(const function_overload& overload);

  /// Finds a relation by optional schema and name, following `search_path` when unqualified.
  [[nodiscard]] const relation_fact* find_relation(std::string_view schema,
                                                   std::string_view name) const;

  /// Finds a function by unqualified name.
  [[nodiscard]] const function_fact* find_function(std::string_view name) const;

  /// True if `name` is an aggregate function.
  [[nodiscard]] bool is_aggregate(std::string_view name) const;
};

}  // namespace soong::gen
