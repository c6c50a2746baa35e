#include "nullability/query_nullability.hpp"

#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {

nullability_result infer_query_nullability(const query& described,
                                           const parsed_statement& statement,
                                           const catalog_facts& facts) {
  nullability_input input;
  input.statement = statement.tree;
  for (const auto& c : described.columns) input.columns.push_back({c.name, c.origin});
  input.param_count = static_cast<int>(described.params.size());
  for (const auto& o : statement.overrides) {
    if (!o.sets_column) continue;
    input.column_overrides[o.alias] =
        o.not_null ? nullability_override::not_null : nullability_override::nullable;
  }
  for (const auto& p : statement.params) {
    if (p.nullable_forced) input.nullable_params.insert(p.number);
  }
  input.parse = [](std::string_view sql) -> nlohmann::json {
    auto parsed = parse_sql_to_json(sql);
    // Exactly one statement: a SQL function's result is its last statement's.
    if (parsed.error || !parsed.tree.contains("stmts") || parsed.tree["stmts"].size() != 1) {
      return {};
    }
    return parsed.tree["stmts"][0].value("stmt", nlohmann::json{});
  };
  return infer_nullability(input, facts);
}

}  // namespace soong::gen
