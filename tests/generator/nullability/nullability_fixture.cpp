#include "nullability_fixture.hpp"

#include <gtest/gtest.h>
#include <pg_query.h>

namespace soong::gen::testing {

nlohmann::json parse_statement(std::string_view sql) {
  const std::string text{sql};
  PgQueryParseResult result = pg_query_parse(text.c_str());
  nlohmann::json stmt;
  if (result.error != nullptr) {
    ADD_FAILURE() << "parse error in test SQL: " << result.error->message << "\n" << sql;
  } else {
    auto tree = nlohmann::json::parse(result.parse_tree);
    stmt = tree.at("stmts").at(0).at("stmt");
  }
  pg_query_free_parse_result(result);
  return stmt;
}

namespace {

relation_fact table(std::string schema, std::string name,
                    std::vector<std::pair<std::string, bool>> columns) {
  relation_fact relation;
  relation.schema = std::move(schema);
  relation.name = std::move(name);
  for (auto& [column, not_null] : columns) relation.columns.push_back({column, not_null});
  return relation;
}

relation_fact view(std::string name, std::vector<std::string> columns, std::string definition) {
  relation_fact relation;
  relation.schema = "public";
  relation.name = std::move(name);
  relation.is_view = true;
  relation.view_definition = std::move(definition);
  for (auto& column : columns) relation.columns.push_back({column, false});
  return relation;
}

catalog_facts make_blog_catalog() {
  catalog_facts facts;
  // CREATE TABLE users (id bigint PRIMARY KEY, handle text NOT NULL, display_name text,
  //                     bio text, created_at timestamptz NOT NULL DEFAULT now());
  facts.relations.push_back(table("public", "users",
                                  {{"id", true},
                                   {"handle", true},
                                   {"display_name", false},
                                   {"bio", false},
                                   {"created_at", true}}));
  facts.relations.push_back(table("public", "posts",
                                  {{"id", true},
                                   {"user_id", true},
                                   {"title", false},
                                   {"body", true},
                                   {"published_at", false}}));
  facts.relations.push_back(
      table("public", "comments",
            {{"id", true}, {"post_id", true}, {"author_id", false}, {"text", true}}));
  facts.relations.push_back(table("public", "tags", {{"id", true}, {"name", true}}));
  facts.relations.push_back(table("public", "post_tags", {{"post_id", true}, {"tag_id", true}}));
  facts.relations.push_back(
      table("public", "tag_aliases", {{"id", true}, {"name", false}, {"alias", true}}));
  facts.relations.push_back(
      table("public", "events", {{"id", true}, {"note", false}, {"payload", true}}));
  facts.relations.push_back(table("audit", "events", {{"id", true}, {"note", true}}));
  // CREATE TABLE drafts (id bigint PRIMARY KEY, title text,
  //                      slug text GENERATED ALWAYS AS (lower(title)) STORED);
  facts.relations.push_back(
      table("public", "drafts", {{"id", true}, {"title", false}, {"slug", false}}));
  facts.relations.back().columns.back().generated = true;
  // Definitions as pg_get_viewdef prints them.
  facts.relations.push_back(view("user_posts", {"user_id", "handle", "post_id", "title"},
                                 " SELECT u.id AS user_id,\n    u.handle,\n    p.id AS post_id,\n"
                                 "    p.title\n   FROM (users u\n"
                                 "     LEFT JOIN posts p ON ((p.user_id = u.id)));"));
  facts.relations.push_back(view("active_users", {"id", "handle", "bio"},
                                 " SELECT users.id,\n    users.handle,\n    users.bio\n"
                                 "   FROM users\n  WHERE (users.bio IS NOT NULL);"));
  facts.relations.push_back(view("view_of_view", {"handle", "post_id"},
                                 " SELECT user_posts.handle,\n    user_posts.post_id\n"
                                 "   FROM user_posts;"));

  for (const char* strict : {"lower", "upper", "length", "now", "substring", "array_length",
                             "regexp_match", "array_to_json", "row_to_json"}) {
    facts.add_function(strict, true, false, false);
  }
  for (const char* lax : {"concat", "concat_ws", "format", "json_build_object"}) {
    facts.add_function(lax, false, false, false);
  }
  facts.add_function("generate_series", true, true, false);
  facts.add_function("unnest", true, true, false);
  facts.add_function("my_strict_fn", true, false, true);
  facts.add_function("my_lax_fn", false, false, true);
  // An overloaded name: strict only if every overload is.
  facts.add_function("mixed_fn", true, false, false);
  facts.add_function("mixed_fn", false, false, false);
  for (const char* window : {"row_number", "rank", "dense_rank", "lag", "lead", "ntile"}) {
    facts.add_function(window, false, false, false);
  }
  for (const char* aggregate : {"count", "max", "min", "sum", "avg", "array_agg", "string_agg",
                                "stddev_samp", "bool_and", "json_agg"}) {
    facts.aggregates.insert(aggregate);
    facts.add_function(aggregate, false, false, false);
  }
  return facts;
}

}  // namespace

const catalog_facts& blog_catalog() {
  static const catalog_facts facts = make_blog_catalog();
  return facts;
}

}  // namespace soong::gen::testing
