#pragma once
// The nullability stage for one described query: builds the analysis input from what the front
// end parsed (tree, alias overrides, sqlc.narg) and what PostgreSQL described (columns,
// parameter count), with view definitions parsed by libpg_query. Generation and `soong vet`
// both run it, against the oracle's and the live database's catalog facts.

#include "ir.hpp"
#include "nullability/catalog_facts.hpp"
#include "nullability/nullability.hpp"
#include "parse/parsed_statement.hpp"

namespace soong::gen {

/// infer_nullability for `statement` as described in `described` (one result entry per
/// described column and parameter).
[[nodiscard]] nullability_result infer_query_nullability(const query& described,
                                                         const parsed_statement& statement,
                                                         const catalog_facts& facts);

}  // namespace soong::gen
