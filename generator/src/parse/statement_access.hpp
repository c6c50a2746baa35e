#pragma once
// Whether a statement only reads: the judgment that lets generated cluster overloads send it to
// a hot standby (docs/replicas.md). A standby refuses anything that writes or takes a lock a
// standby cannot take, so "read-only" here means "a standby can run it and nothing is lost by
// running it there".

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "ir.hpp"

namespace soong::gen {

/// Classifies a statement from its parse tree (libpg_query's JSON `stmt` node). It is
/// read-only when it is a SELECT (or VALUES, or a set operation of them) without SELECT INTO,
/// without a data-modifying WITH (INSERT, UPDATE, DELETE or MERGE anywhere inside), without a
/// locking clause (FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE, FOR KEY SHARE), and without a
/// call of a function that writes or takes a lock (nextval, setval, advisory locks,
/// txid_current, pg_notify, ...) or of a function named in `volatile_user_functions` (user
/// functions whose pg_proc.provolatile is 'v': they may write). Anything else writes.
[[nodiscard]] statement_access classify_statement_access(
    const nlohmann::json& tree, const std::set<std::string, std::less<>>& volatile_user_functions);

/// The route of a query: its override when it has one, else replica when read-only.
[[nodiscard]] query_route effective_route(const statement_access& access,
                                          const std::optional<query_route>& route_override);

}  // namespace soong::gen
