#pragma once
// Which result columns each `sqlc.embed(name)` of a query became: the front end sent `name.*`,
// the server expanded it, and here the select list is walked (stars counted with the
// catalog's tables) to find where the expansion starts and how many columns it has.

#include "diag/diagnostic.hpp"
#include "ir.hpp"
#include "parse/parsed_statement.hpp"

namespace soong::gen {

/// Fills `q.embeds` from `statement.embeds`, with the tables in `model`; an embed that names
/// no table of the FROM clause, or sits outside the select list, is an error in `diags`.
void resolve_embedded_tables(query& q, const parsed_statement& statement, const source_file& file,
                             const ir& model, diagnostics& diags);

}  // namespace soong::gen
