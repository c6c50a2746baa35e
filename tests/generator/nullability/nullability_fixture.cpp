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

  // CREATE SEQUENCE post_ids;
  facts.relations.push_back(
      table("public", "post_ids", {{"last_value", true}, {"log_cnt", true}, {"is_called", true}}));
  // System catalogs, as pg_attribute describes them (a subset of the columns).
  facts.relations.push_back(table("pg_catalog", "pg_class",
                                  {{"oid", true},
                                   {"relname", true},
                                   {"relnamespace", true},
                                   {"relowner", true},
                                   {"reltablespace", true},
                                   {"reltuples", true},
                                   {"relhasindex", true},
                                   {"relrowsecurity", true},
                                   {"relhasrules", true},
                                   {"relhastriggers", true},
                                   {"relkind", true},
                                   {"relacl", false}}));
  facts.relations.push_back(
      table("pg_catalog", "pg_namespace", {{"oid", true}, {"nspname", true}, {"nspowner", true}}));
  facts.relations.push_back(
      table("pg_catalog", "pg_tablespace", {{"oid", true}, {"spcname", true}, {"spcowner", true}}));
  facts.relations.push_back(
      view("pg_tables",
           {"schemaname", "tablename", "tableowner", "tablespace", "hasindexes", "hasrules",
            "hastriggers", "rowsecurity"},
           " SELECT n.nspname AS schemaname,\n    c.relname AS tablename,\n"
           "    pg_get_userbyid(c.relowner) AS tableowner,\n    t.spcname AS tablespace,\n"
           "    c.relhasindex AS hasindexes,\n    c.relhasrules AS hasrules,\n"
           "    c.relhastriggers AS hastriggers,\n    c.relrowsecurity AS rowsecurity\n"
           "   FROM ((pg_class c\n     LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))\n"
           "     LEFT JOIN pg_tablespace t ON ((t.oid = c.reltablespace)))\n"
           "  WHERE (c.relkind = ANY (ARRAY['r'::\"char\", 'p'::\"char\"]));"));
  facts.relations.back().schema = "pg_catalog";

  for (const char* strict : {"lower", "upper", "length", "now", "substring", "array_length",
                             "regexp_match", "array_to_json", "row_to_json", "make_interval",
                             "pg_get_userbyid", "to_regclass", "current_setting"}) {
    facts.add_function(strict, true, false, false);
  }
  facts.add_function("enum_range", false, false, false);
  // LANGUAGE sql functions: label_of(h text, n bigint) AS 'SELECT h || ''#'' || n',
  // or_zero(bigint) AS 'SELECT coalesce($1, 0)', the same STRICT as strict_or_zero, and
  // first_post_id() AS 'SELECT id FROM posts ORDER BY id LIMIT 1'.
  auto sql_function = [&](const char* name, bool strict, const char* body,
                          std::vector<std::string> argument_names) {
    facts.add_function(function_overload{.name = name,
                                         .strict = strict,
                                         .returns_set = false,
                                         .user_defined = true,
                                         .extension = {},
                                         .sql_body = body,
                                         .argument_names = std::move(argument_names)});
  };
  sql_function("label_of", false, "SELECT h || '#' || n", {"h", "n"});
  sql_function("or_zero", false, "SELECT coalesce($1, 0)", {""});
  sql_function("strict_or_zero", true, "SELECT coalesce($1, 0)", {""});
  sql_function("first_post_id", false, "SELECT id FROM posts ORDER BY id LIMIT 1", {});
  sql_function("my_strict_fn", true, "SELECT NULL::bigint", {""});
  sql_function("my_lax_fn", false, "SELECT NULL::bigint", {""});
  facts.add_function("trgm_or_null", true, false, true);  // LANGUAGE plpgsql
  // Extension functions (CREATE EXTENSION "uuid-ossp", pgcrypto, pg_trgm).
  auto extension_function = [&](const char* extension, const char* name, bool strict) {
    facts.add_function(function_overload{.name = name,
                                         .strict = strict,
                                         .returns_set = false,
                                         .user_defined = true,
                                         .extension = extension,
                                         .sql_body = {},
                                         .argument_names = {}});
  };
  for (const char* name : {"uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v3",
                           "uuid_generate_v4", "uuid_generate_v5", "uuid_nil", "uuid_ns_dns",
                           "uuid_ns_url", "uuid_ns_oid", "uuid_ns_x500"}) {
    extension_function("uuid-ossp", name, true);
  }
  for (const char* name :
       {"digest", "hmac", "crypt", "gen_salt", "gen_random_uuid", "gen_random_bytes"}) {
    extension_function("pgcrypto", name, true);
  }
  facts.add_function("gen_random_uuid", false, false, false);  // also a builtin
  for (const char* name :
       {"similarity", "word_similarity", "strict_word_similarity", "show_trgm", "show_limit"}) {
    extension_function("pg_trgm", name, true);
  }
  for (const char* lax : {"concat", "concat_ws", "format", "json_build_object"}) {
    facts.add_function(lax, false, false, false);
  }
  facts.add_function("generate_series", true, true, false);
  facts.add_function("unnest", true, true, false);
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
