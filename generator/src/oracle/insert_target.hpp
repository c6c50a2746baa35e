#pragma once
// Whether an INSERT into a relation always keeps its row, judged on the oracle's catalog (the
// schema given to the generator): what parse/row_count.hpp needs to prove that
// `INSERT ... VALUES (...) RETURNING` yields exactly one row.

#include <libpq-fe.h>

#include <string_view>

namespace soong::gen {

/// True when `schema.table` (schema empty: resolved through the oracle's search_path) is a
/// plain table (not partitioned, not a view or foreign table) with no BEFORE row trigger for
/// INSERT or UPDATE (one returning NULL skips the row; UPDATE for ON CONFLICT DO UPDATE) and
/// no rule on INSERT (a rule may replace the insert). Unknown relations are false.
[[nodiscard]] bool insert_always_keeps_row(PGconn* conn, std::string_view schema,
                                           std::string_view table);

}  // namespace soong::gen
