#pragma once
// What the analysis knows about PostgreSQL's builtin functions, aggregates and operators
// beyond what pg_catalog says (pg_catalog has strictness, but strictness alone does not prove
// that a function never returns NULL). Each list cites the reason in builtin_rules.cpp.

#include <string_view>

namespace soong::gen::detail {

/// Aggregates that are never NULL, even over no rows: `count`, `regr_count`.
[[nodiscard]] bool is_count_aggregate(std::string_view name);

/// Aggregates that, over a non-empty group, return a non-NULL value whatever their input
/// (`array_agg` collects NULLs into the array instead of returning NULL).
[[nodiscard]] bool aggregate_non_null_over_any_group(std::string_view name);

/// Builtin aggregates that, over a non-empty group of non-NULL inputs, return non-NULL.
[[nodiscard]] bool aggregate_non_null_over_non_null_input(std::string_view name);

/// Window functions that are never NULL (`row_number`, `rank`, ...).
[[nodiscard]] bool window_function_never_null(std::string_view name);

/// Strict builtin functions that still return NULL for some non-NULL input
/// (`array_length('{}')`, `regexp_match` without a match, catalog lookups, ...).
[[nodiscard]] bool strict_function_may_return_null(std::string_view name);

/// Non-strict builtin functions that never return NULL (`json_build_object`, `concat`).
[[nodiscard]] bool function_never_returns_null(std::string_view name);

/// Non-strict builtin functions that are non-NULL exactly when their first argument is
/// (`format`, `concat_ws`).
[[nodiscard]] bool function_null_only_with_first_argument(std::string_view name);

/// Functions of extensions shipped with PostgreSQL (contrib) that return non-NULL for
/// non-NULL arguments: uuid-ossp's generators, pgcrypto's hashing and salts, pg_trgm's
/// similarities.
[[nodiscard]] bool extension_function_never_null(std::string_view extension, std::string_view name);

/// Builtin operators that may return NULL for non-NULL operands (JSON field access).
[[nodiscard]] bool operator_may_return_null(std::string_view symbol);

/// Comparison-like operators: they are strict, so a row where `col <op> x` is true has a
/// non-NULL `col`; and a parameter compared with a column takes the column's name.
[[nodiscard]] bool is_comparison_operator(std::string_view symbol);

}  // namespace soong::gen::detail
