// The pooler check: a walk over each statement's parse tree (libpg_query's JSON) looking for
// the node kinds that keep state in the server session.

#include "parse/pooler_safety.hpp"

#include <array>
#include <string>

#include "diag/codes.hpp"

namespace soong::gen {

namespace {

/// A hazard found in a statement: where (byte offset into the rewritten SQL) and why.
struct hazard {
  std::size_t offset = 0;
  std::string message;
};

/// The last name of a qualified function name (`pg_catalog.pg_advisory_lock`).
std::string function_name(const nlohmann::json& call) {
  const auto& parts = call.value("funcname", nlohmann::json::array());
  if (parts.empty()) return "";
  return parts.back()["String"].value("sval", "");
}

/// Whether an argument is the literal `false` (libpg_query leaves a false boolval empty).
bool is_false_literal(const nlohmann::json& arg) {
  const auto constant = arg.find("A_Const");
  if (constant == arg.end()) return false;
  const auto boolval = constant->find("boolval");
  return boolval != constant->end() && !boolval->value("boolval", false);
}

/// CREATE TEMP TABLE without ON COMMIT DROP.
bool creates_lasting_temporary_table(const nlohmann::json& create) {
  const auto relation = create.find("relation");
  return relation != create.end() && relation->value("relpersistence", "") == "t" &&
         create.value("oncommit", "") != "ONCOMMIT_DROP";
}

constexpr std::array<std::string_view, 7> session_lock_functions = {
    "pg_advisory_lock",      "pg_advisory_lock_shared",
    "pg_try_advisory_lock",  "pg_try_advisory_lock_shared",
    "pg_advisory_unlock",    "pg_advisory_unlock_shared",
    "pg_advisory_unlock_all"};

/// The hazard a node is by itself, if any.
std::optional<std::string> node_hazard(const std::string& kind, const nlohmann::json& node,
                                       pooler_mode mode) {
  if (kind == "VariableSetStmt" && !node.value("is_local", false)) {
    return "SET or RESET without LOCAL changes the server session, which the pooler hands to "
           "another client after this transaction; use SET LOCAL inside a transaction, "
           "set_config(name, value, true), or ALTER ROLE ... SET";
  }
  if (kind == "ListenStmt" || kind == "UnlistenStmt") {
    return "LISTEN/UNLISTEN belongs to a server session; behind a pooler the notifications go "
           "to whichever client holds that session; listen on a direct connection";
  }
  if (kind == "PrepareStmt" || kind == "ExecuteStmt" || kind == "DeallocateStmt") {
    return "SQL-level PREPARE/EXECUTE/DEALLOCATE names live in one server session; the next "
           "transaction may run on another (soong prepares its own statements safely)";
  }
  if (kind == "DeclareCursorStmt" && (node.value("options", 0) & 0x0020) != 0) {
    return "a WITH HOLD cursor outlives its transaction in the server session; fetch within "
           "the transaction instead";
  }
  if (kind == "CreateStmt" && creates_lasting_temporary_table(node)) {
    return "a temporary table outlives the transaction in the server session (another client "
           "may see it); add ON COMMIT DROP";
  }
  if (kind == "LoadStmt" || kind == "DiscardStmt") {
    return "LOAD and DISCARD act on the server session, which other clients share through the "
           "pooler";
  }
  if (kind == "FuncCall") {
    const std::string name = function_name(node);
    for (const std::string_view lock : session_lock_functions) {
      if (name == lock) {
        return name +
               " takes or releases a session-level advisory lock, which stays with the "
               "server session after this transaction; use pg_advisory_xact_lock";
      }
    }
    const auto& args = node.value("args", nlohmann::json::array());
    if (name == "set_config" && args.size() == 3 && is_false_literal(args[2])) {
      return "set_config(..., false) changes the server session; pass true (local to the "
             "transaction)";
    }
  }
  if (mode == pooler_mode::statement && kind == "TransactionStmt") {
    return "a pooler in statement mode runs every statement on its own; a transaction cannot "
           "span statements";
  }
  return std::nullopt;
}

void find_hazards(const nlohmann::json& node, std::size_t statement_offset, pooler_mode mode,
                  std::vector<hazard>& found) {
  if (node.is_array()) {
    for (const auto& item : node) find_hazards(item, statement_offset, mode, found);
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [kind, child] : node.items()) {
    if (child.is_object()) {
      if (std::optional<std::string> why = node_hazard(kind, child, mode)) {
        const int location = child.value("location", -1);
        found.push_back({location >= 0 ? static_cast<std::size_t>(location) : statement_offset,
                         std::move(*why)});
      }
    }
    if (child.is_structured()) find_hazards(child, statement_offset, mode, found);
  }
}

}  // namespace

std::optional<pooler_mode> pooler_mode_to_check(std::string_view name) {
  if (name == "transaction") return pooler_mode::transaction;
  if (name == "statement") return pooler_mode::statement;
  return std::nullopt;
}

void check_pooler_safety(const source_file& file, const parsed_file& parsed, pooler_mode mode,
                         diagnostics& diags) {
  for (const parsed_statement& statement : parsed.statements) {
    std::vector<hazard> found;
    find_hazards(statement.tree, 0, mode, found);
    for (const hazard& h : found) {
      diags.add(make_diagnostic(
          file, statement.offsets.original_offset(h.offset), 1, severity::error,
          std::string(mode == pooler_mode::transaction ? "breaks behind a transaction pooler: "
                                                       : "breaks behind a statement pooler: ") +
              h.message,
          codes::session_state_behind_pooler));
    }
  }
}

}  // namespace soong::gen
