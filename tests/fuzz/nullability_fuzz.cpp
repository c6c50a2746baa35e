// Fuzz target: the nullability analysis on the parse trees of arbitrary SQL. The input goes
// through the real front end (so `@name`, `sqlc.narg` and `%(name)s` become `$n` as in a run of
// the generator); every statement that parses is analysed against a small fixed catalog. The
// analysis must not throw, and must give exactly one verdict per described column and parameter.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "diag/source_file.hpp"
#include "nullability/nullability.hpp"
#include "parse/pg_query_wrapper.hpp"
#include "parse/query_file_parser.hpp"

namespace {

using namespace soong::gen;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "nullability_fuzz: %s\n", what.c_str());
  std::abort();
}

relation_fact table(std::string name, std::vector<column_fact> columns) {
  relation_fact relation;
  relation.schema = "public";
  relation.name = std::move(name);
  relation.columns = std::move(columns);
  return relation;
}

/// users, posts and a view over both; a few functions, aggregates and a user operator.
catalog_facts make_catalog() {
  catalog_facts facts;
  facts.relations.push_back(
      table("users", {{"id", true}, {"handle", true}, {"bio", false}, {"created_at", true}}));
  facts.relations.push_back(table(
      "posts", {{"id", true}, {"user_id", true}, {"title", true}, {"body", false}, {"n", true}}));
  facts.relations.back().columns.back().generated = true;
  relation_fact view = table("user_posts", {{"handle", false}, {"title", false}});
  view.is_view = true;
  view.view_definition =
      "SELECT u.handle, p.title FROM users u LEFT JOIN posts p ON p.user_id = u.id";
  facts.relations.push_back(std::move(view));
  for (const char* strict : {"lower", "upper", "length", "abs", "now", "concat_ws"}) {
    facts.add_function(strict, true, false, false);
  }
  for (const char* lax : {"coalesce", "nullif", "concat", "row_to_json"}) {
    facts.add_function(lax, false, false, false);
  }
  facts.add_function("generate_series", true, true, false);
  facts.add_function("unnest", true, true, false);
  facts.add_function("my_fn", true, false, true);
  for (const char* aggregate : {"count", "sum", "max", "min", "avg", "array_agg", "bool_and"}) {
    facts.aggregates.insert(aggregate);
    facts.add_function(aggregate, false, false, false);
  }
  facts.nullable_operators.insert("=~");
  return facts;
}

const catalog_facts& catalog() {
  static const catalog_facts facts = make_catalog();
  return facts;
}

/// The number of result columns the statement names (its target or RETURNING list); the
/// server would describe `*` as more, which the analysis must cope with as well.
std::size_t listed_columns(const nlohmann::json& statement) {
  if (!statement.is_object() || statement.empty()) return 0;
  const nlohmann::json& body = statement.begin().value();
  for (const char* list : {"targetList", "returningList"}) {
    if (body.is_object() && body.contains(list) && body[list].is_array()) return body[list].size();
  }
  return 0;
}

void analyse(const parsed_statement& statement, std::uint8_t shape) {
  nullability_input input;
  input.statement = statement.tree;
  const std::size_t columns = listed_columns(statement.tree) + shape % 3;  // `*`, mismatches
  for (std::size_t i = 0; i < columns; ++i) {
    described_column column{"c" + std::to_string(i), std::nullopt};
    const relation_fact& relation = catalog().relations[i % catalog().relations.size()];
    if ((i + shape) % 2 == 0) {
      column.origin = column_origin{relation.schema, relation.name,
                                    relation.columns[i % relation.columns.size()].name};
    }
    input.columns.push_back(std::move(column));
  }
  input.param_count = static_cast<int>(statement.params.size());
  for (const column_override& o : statement.overrides) {
    input.column_overrides[o.alias] =
        o.not_null ? nullability_override::not_null : nullability_override::nullable;
  }
  for (const parsed_param& p : statement.params) {
    if (p.nullable_forced) input.nullable_params.insert(p.number);
  }
  input.parse = [](std::string_view sql) -> nlohmann::json {
    pg_parse_result parsed = parse_sql_to_json(sql);
    if (parsed.error || !parsed.tree.contains("stmts") || parsed.tree["stmts"].empty()) return {};
    return parsed.tree["stmts"][0].value("stmt", nlohmann::json{});
  };
  const nullability_result result = infer_nullability(input, catalog());
  if (result.columns.size() != input.columns.size()) fail("not one verdict per column");
  if (result.params.size() != static_cast<std::size_t>(input.param_count)) {
    fail("not one verdict per parameter");
  }
  for (const int forced : input.nullable_params) {
    if (forced >= 1 && forced <= input.param_count &&
        !result.params[static_cast<std::size_t>(forced) - 1].nullable) {
      fail("sqlc.narg parameter inferred non-null");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const source_file file("fuzz.sql",
                         std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  diagnostics diags;
  const parsed_file parsed = parse_query_file(file, diags);
  for (const parsed_statement& statement : parsed.statements) {
    if (!statement.tree.is_null()) analyse(statement, data[0]);
  }
  return 0;
}
