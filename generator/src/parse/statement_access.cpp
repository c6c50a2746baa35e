// The read-only judgment: one walk over the parse tree that stops at the first thing a hot
// standby could not run or that would change data.

#include "parse/statement_access.hpp"

#include <array>
#include <optional>
#include <string_view>

namespace soong::gen {
namespace {

/// Built-in functions that write, assign a transaction id, or take a lock; a standby refuses
/// them ("cannot execute nextval() in a read-only transaction", ...).
constexpr std::array<std::string_view, 19> writing_builtins = {"nextval",
                                                               "setval",
                                                               "pg_advisory_lock",
                                                               "pg_advisory_lock_shared",
                                                               "pg_try_advisory_lock",
                                                               "pg_try_advisory_lock_shared",
                                                               "pg_advisory_xact_lock",
                                                               "pg_advisory_xact_lock_shared",
                                                               "pg_try_advisory_xact_lock",
                                                               "pg_try_advisory_xact_lock_shared",
                                                               "pg_advisory_unlock",
                                                               "pg_advisory_unlock_shared",
                                                               "pg_advisory_unlock_all",
                                                               "txid_current",
                                                               "pg_current_xact_id",
                                                               "pg_notify",
                                                               "lo_create",
                                                               "lo_import",
                                                               "lo_unlink"};

std::string function_name(const nlohmann::json& call) {
  const auto& parts = call.value("funcname", nlohmann::json::array());
  if (parts.empty()) return "";
  return parts.back()["String"].value("sval", "");
}

/// What makes a node write by itself, if anything.
std::optional<std::string> node_writes(const std::string& kind, const nlohmann::json& node,
                                       const std::set<std::string, std::less<>>& volatile_user) {
  if (kind == "InsertStmt") return "INSERT";
  if (kind == "UpdateStmt") return "UPDATE";
  if (kind == "DeleteStmt") return "DELETE";
  if (kind == "MergeStmt") return "MERGE";
  if (kind == "SelectStmt") {
    if (node.contains("intoClause")) return "SELECT INTO";
    if (node.contains("lockingClause")) return "a locking clause (FOR UPDATE/SHARE)";
  }
  if (kind == "FuncCall") {
    const std::string name = function_name(node);
    for (const std::string_view writing : writing_builtins) {
      if (name == writing) return name + "()";
    }
    if (volatile_user.contains(name)) return "volatile function " + name + "()";
  }
  return std::nullopt;
}

std::optional<std::string> first_write(const nlohmann::json& node,
                                       const std::set<std::string, std::less<>>& volatile_user) {
  if (node.is_array()) {
    for (const auto& item : node) {
      if (auto why = first_write(item, volatile_user)) return why;
    }
    return std::nullopt;
  }
  if (!node.is_object()) return std::nullopt;
  for (const auto& [kind, child] : node.items()) {
    if (child.is_object()) {
      if (auto why = node_writes(kind, child, volatile_user)) return why;
    }
    if (child.is_structured()) {
      if (auto why = first_write(child, volatile_user)) return why;
    }
  }
  return std::nullopt;
}

}  // namespace

statement_access classify_statement_access(
    const nlohmann::json& tree, const std::set<std::string, std::less<>>& volatile_user_functions) {
  if (!tree.is_object() || tree.size() != 1) return {false, "not a single statement"};
  const std::string kind = tree.begin().key();
  if (kind != "SelectStmt") {
    // Everything else writes or changes the session: DML, DDL, CALL, DO, SET, COPY, ...
    if (auto why = node_writes(kind, tree.begin().value(), volatile_user_functions)) {
      return {false, *why};
    }
    std::string name = kind;
    if (name.ends_with("Stmt")) name.resize(name.size() - 4);
    return {false, name + " statement"};
  }
  if (auto why = first_write(tree, volatile_user_functions)) return {false, *why};
  return {true, ""};
}

query_route effective_route(const statement_access& access,
                            const std::optional<query_route>& route_override) {
  if (route_override) return *route_override;
  return access.read_only ? query_route::replica : query_route::primary;
}

}  // namespace soong::gen
