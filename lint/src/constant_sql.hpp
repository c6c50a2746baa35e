#pragma once
// Deciding whether an SQL argument is text fixed at compile time.

#include <clang/AST/Expr.h>

namespace soong::lint {

/// True when `sql`, the SQL argument of a raw-SQL call, can only ever be one fixed text: a
/// string literal, a `"..."sv`/`"..."s` literal, a constexpr (or const, non-parameter) variable
/// or static member initialised from such text, or `cond ? a : b` of two such texts. Anything
/// else (operator+, fmt::format, a parameter, a function's result) is built at run time.
[[nodiscard]] bool is_constant_sql(const clang::Expr* sql);

}  // namespace soong::lint
