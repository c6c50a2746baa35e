#pragma once
// Fills the nullability stage's catalog facts (nullability/catalog_facts.hpp) from pg_catalog,
// after the schema was applied.

#include <libpq-fe.h>

#include "nullability/catalog_facts.hpp"

namespace soong::gen {

/// Reads, from the oracle's database:
///  - relations: tables, partitioned tables, views, materialized views and foreign tables of
///    every non-system schema (extension-owned ones included: queries may read them), columns
///    in attnum order without dropped ones, NOT NULL from attnotnull, and for views and
///    materialized views the definition as `pg_get_viewdef(oid, true)` prints it;
///  - functions: every pg_proc entry merged per name (strict only if all overloads are), with
///    `user_defined` for anything outside pg_catalog;
///  - aggregates: names with prokind 'a';
///  - volatile_user_functions: names with a volatile overload outside pg_catalog;
///  - nullable_operators: symbols of operators whose function is not strict (except the
///    builtin array `||`, which never returns NULL for non-NULL operands), and of operators
///    a user defined (not pg_catalog, not from an extension: an extension's operators, such as
///    citext's `=`, are shipped code and trusted like builtins, so they do not make every `=`
///    optional);
///  - search_path: current_schemas(true), in order (pg_catalog first unless placed elsewhere).
[[nodiscard]] catalog_facts read_catalog_facts(PGconn* conn);

}  // namespace soong::gen
