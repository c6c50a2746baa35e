#pragma once
// Which array columns a CHECK constraint proves free of NULL elements. PostgreSQL has no NOT
// NULL for array elements, so array result columns have optional elements unless a validated
// CHECK constraint of the table proves otherwise (docs/nullability.md, "Array elements").

#include <set>
#include <string>
#include <string_view>

#include "ir.hpp"
#include "nullability/catalog_facts.hpp"

namespace soong::gen {

/// The columns whose arrays `check_expression` (a CHECK constraint's expression as
/// pg_get_expr prints it) proves to hold no NULL element: a top-level conjunct of the form
///   array_position(col, NULL) IS NULL
///   cardinality(array_remove(col, NULL)) = cardinality(col)    (either side)
///   col = array_remove(col, NULL)                              (either side)
/// with the built-in functions (a user-defined function of the same name disproves nothing,
/// so none is trusted then). `NOT (NULL = ANY (col))` proves nothing: it is NULL, which a CHECK
/// accepts, for every non-empty array.
[[nodiscard]] std::set<std::string> columns_without_null_elements(std::string_view check_expression,
                                                                  const catalog_facts& facts);

/// Whether result column `c` may hold NULL array elements: false for an array read straight from
/// a table column (its RowDescription origin) that a CHECK constraint proves free of them, or
/// when the user overrides it (`AS "name[!]"`); true otherwise, and for every non-array.
[[nodiscard]] bool array_elements_nullable(const column& c, const catalog_facts& facts,
                                           bool overridden_not_null);

}  // namespace soong::gen
