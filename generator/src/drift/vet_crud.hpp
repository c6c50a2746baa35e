#pragma once
// `soong vet` for the typed CRUD functions: their statements name the table's columns and
// decode each by its generated type, so a CRUD table whose columns changed on the live
// database breaks them as surely as a changed query. Compared: the generated table's columns
// with the live catalog's.

#include <libpq-fe.h>

#include <vector>

#include "drift/vet.hpp"
#include "ir.hpp"

namespace soong::gen::drift {

/// The findings for every table of `generated.crud` on `live`: the table is gone; a column is
/// gone, has another type, is nullable where the code reads it as NOT NULL, or can no longer
/// be written (now GENERATED ALWAYS); a new NOT NULL column without a default (insert_T cannot
/// give it a value). Each is placed at the table's `-- soong:crud` line in `files`, else at
/// `--crud`. Throws std::runtime_error when a catalog query fails.
[[nodiscard]] std::vector<vet_finding> vet_crud_tables(PGconn* live, const ir& generated,
                                                       const std::vector<vet_query_file>& files);

}  // namespace soong::gen::drift
