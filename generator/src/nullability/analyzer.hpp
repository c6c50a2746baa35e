#pragma once
// The nullability analyzer: walks statements, FROM clauses and expressions of a libpg_query
// parse tree. Split over several files by concept (statement_analyzer.cpp, modified_row.cpp,
// from_clause.cpp, function_in_from.cpp, expression_nullability.cpp, function_call_nullability.cpp,
// sql_function_body.cpp, refinement.cpp,
// single_row.cpp, aggregate_level.cpp).

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "nullability/catalog_facts.hpp"
#include "nullability/nullability.hpp"
#include "nullability/scope.hpp"

namespace soong::gen::detail {

/// What an expression is evaluated against.
struct expr_context {
  const scope* names = nullptr;
  const cte_environment* ctes = nullptr;
  bool grouped = false;        // GROUP BY with plain grouping: every group has a row
  bool grouping_sets = false;  // ROLLUP/CUBE/GROUPING SETS: grouped columns may be NULL
  bool in_aggregate = false;   // inside an aggregate's arguments (row-level values)
  /// The select list holds exactly one set-returning function call: its rows are that
  /// function's values. With several, PostgreSQL pads the shorter ones with NULL.
  bool lone_set_returning_function = false;
};

/// True when `node` reads a column outside an aggregate call (and outside subqueries): under
/// grouping sets such an expression is NULL in the rows that do not group by it
/// (grouping_sets.cpp).
[[nodiscard]] bool reads_row_values_outside_aggregates(const nlohmann::json& node,
                                                       const catalog_facts& catalog);

/// How many calls of set-returning (or unknown) functions `node` holds outside subqueries.
[[nodiscard]] int count_set_returning_calls(const nlohmann::json& node,
                                            const catalog_facts& catalog);

class analyzer {
 public:
  analyzer(const catalog_facts& catalog, const statement_parser& parse,
           std::vector<bool> param_nullable);

  /// The output columns of a wrapped statement node (`{"SelectStmt": ...}`, `InsertStmt`...).
  [[nodiscard]] relation_shape statement(const nlohmann::json& node, const scope* outer,
                                         const cte_environment* ctes);

  /// The output columns of a SelectStmt body (unwrapped, as set operations store them).
  [[nodiscard]] relation_shape select(const nlohmann::json& body, const scope* outer,
                                      const cte_environment* ctes);

  /// The nullability of one expression.
  [[nodiscard]] verdict expression(const nlohmann::json& node, const expr_context& ctx);

 private:
  // modified_row.cpp
  relation_shape modify_returning(const nlohmann::json& node, const scope* outer,
                                  const cte_environment* ctes);
  relation_shape upsert_returning(const nlohmann::json& body, const scope* outer,
                                  const cte_environment* ctes);
  range_entry row_after_set(const range_entry& old_row, const range_entry& declared,
                            const relation_fact* table, const nlohmann::json& assignments,
                            const expr_context& ctx);
  verdict assigned_value(const nlohmann::json& target, const expr_context& ctx);

  // single_row.cpp
  bool single_row_subquery(const nlohmann::json& select_node, const scope* outer,
                           const cte_environment* ctes);

  // statement_analyzer.cpp
  relation_shape values(const nlohmann::json& lists, const scope* outer,
                        const cte_environment* ctes);
  void add_ctes(const nlohmann::json& with_clause, const scope* outer, cte_environment& env);
  relation_shape target_list(const nlohmann::json& targets, const expr_context& ctx);

  // from_clause.cpp
  struct from_item {
    std::vector<range_entry> entries;
    std::vector<star_slot> star;
  };
  void add_from_list(const nlohmann::json& items, scope& s, const cte_environment* ctes);
  from_item from_node(const nlohmann::json& node, const scope& s, const cte_environment* ctes);
  from_item join(const nlohmann::json& body, const scope& s, const cte_environment* ctes);
  range_entry relation_entry(const nlohmann::json& range_var, const cte_environment* ctes);
  // function_in_from.cpp
  range_entry function_entry(const nlohmann::json& range_function);
  relation_shape view_shape(const relation_fact& view);

  // expression_nullability.cpp and function_call_nullability.cpp
  verdict operator_expression(const nlohmann::json& body, const expr_context& ctx);
  verdict sublink(const nlohmann::json& body, const expr_context& ctx);
  verdict column_ref(const nlohmann::json& body, const expr_context& ctx);
  verdict function_call(const nlohmann::json& body, const expr_context& ctx);
  verdict aggregate_call(const std::string& name, const nlohmann::json& body,
                         const expr_context& ctx);
  verdict window_call(const std::string& name, const nlohmann::json& body, const expr_context& ctx);
  // sql_function_body.cpp
  std::optional<verdict> sql_function_body(const function_fact& function,
                                           const nlohmann::json& call, const expr_context& ctx);
  /// The first nullable verdict among `nodes` (a list of expressions), or a non-null one.
  verdict all_non_null(const nlohmann::json& nodes, const expr_context& ctx,
                       const std::string& reason_if_non_null);

  const catalog_facts& catalog_;
  const statement_parser& parse_;
  std::vector<bool> param_nullable_;
  std::map<std::string, relation_shape> view_shapes_;
  int view_depth_ = 0;
  int function_depth_ = 0;
};

/// Marks columns proven non-NULL by `condition` (the top-level AND conjuncts of a WHERE or
/// join condition) among `entries`, restoring entries whose row is thereby proven real.
void refine_with_condition(const nlohmann::json& condition, std::vector<range_entry>& entries,
                           const catalog_facts& catalog);

/// Records that `qualifier.name` (or unqualified `name`) is non-NULL in every row, restoring its
/// entry's other columns when the entry was null-extended: an extended row is all NULL.
void prove_non_null(std::vector<range_entry>& entries, const std::string& qualifier,
                    const std::string& name, const std::string& reason);

/// True if the wrapped SelectStmt returns exactly one row whatever the data (an aggregate
/// of its own level without GROUP BY, or a SELECT without WHERE whose FROM items, if any, each
/// yield exactly one row): its scalar subquery is never empty. `belongs_here` tells whether an
/// aggregate call (its FuncCall body) is of the subquery's own level rather than an enclosing
/// one; `one_row_item` whether a FROM item yields exactly one row.
[[nodiscard]] bool yields_exactly_one_row(
    const nlohmann::json& select_node, const catalog_facts& catalog,
    const std::function<bool(const nlohmann::json&)>& belongs_here,
    const std::function<bool(const nlohmann::json&)>& one_row_item);

/// True if the aggregate call (a FuncCall body) certainly belongs to the query level whose
/// relations are `level`'s entries: it has no column references, or one of them is local.
[[nodiscard]] bool aggregate_belongs_to(const nlohmann::json& call_body, const scope& level);

/// The column name PostgreSQL gives an unaliased target expression (FigureColname).
[[nodiscard]] std::string figure_column_name(const nlohmann::json& node);

}  // namespace soong::gen::detail
