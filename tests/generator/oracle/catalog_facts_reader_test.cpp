// The nullability stage's catalog facts, read from pg_catalog after the schema was applied.

#include "oracle/catalog_facts_reader.hpp"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>
#include <vector>

#include "oracle_fixture.hpp"

namespace soong::gen::testing {
namespace {

using catalog_facts_reader = oracle_test;

TEST_F(catalog_facts_reader, relations_views_functions_aggregates_operators) {
  apply(R"sql(
CREATE EXTENSION citext;
CREATE SCHEMA app;
CREATE TABLE app.users (id int8 PRIMARY KEY, gone text, handle citext NOT NULL, bio text);
ALTER TABLE app.users DROP COLUMN gone;
CREATE TABLE public.users (id int4);
CREATE VIEW app.handles AS SELECT handle FROM app.users WHERE bio IS NOT NULL;
CREATE FUNCTION app.shout(t text) RETURNS text LANGUAGE sql STRICT AS $$ SELECT upper(t) $$;
CREATE FUNCTION app.ids() RETURNS SETOF int8 LANGUAGE sql AS $$ SELECT id FROM app.users $$;
CREATE FUNCTION app.longer(a text, b text) RETURNS text LANGUAGE sql
  AS $$ SELECT CASE WHEN length(b) > length(coalesce(a, '')) THEN b ELSE a END $$;
CREATE AGGREGATE app.longest(text) (SFUNC = app.longer, STYPE = text);
CREATE FUNCTION app.maybe_eq(a int4, b int4) RETURNS bool LANGUAGE sql STRICT
  AS $$ SELECT CASE WHEN a = b THEN true END $$;
CREATE OPERATOR app.=== (LEFTARG = int4, RIGHTARG = int4, FUNCTION = app.maybe_eq);
CREATE FUNCTION public.first_or(a int4, b int4) RETURNS int4 LANGUAGE sql
  AS $$ SELECT coalesce(a, b) $$;
CREATE OPERATOR pg_catalog.?? (LEFTARG = int4, RIGHTARG = int4, FUNCTION = public.first_or);
CREATE SEQUENCE app.tickets;
CREATE EXTENSION pg_trgm;
CREATE FUNCTION app.two(int4) RETURNS int4 LANGUAGE sql AS 'SELECT 2';
CREATE FUNCTION app.two(text) RETURNS int4 LANGUAGE sql AS 'SELECT 2';
CREATE FUNCTION app.with_default(a int4 DEFAULT 1) RETURNS int4 LANGUAGE sql AS 'SELECT a';
)sql");
  const catalog_facts facts = read_catalog_facts(conn());

  const relation_fact* users = facts.find_relation("app", "users");
  ASSERT_NE(users, nullptr);
  EXPECT_FALSE(users->is_view);
  ASSERT_EQ(users->columns.size(), 3u);
  EXPECT_EQ(users->columns[0].name, "id");
  EXPECT_TRUE(users->columns[0].not_null);
  EXPECT_EQ(users->columns[1].name, "handle");
  EXPECT_TRUE(users->columns[1].not_null);
  EXPECT_FALSE(users->columns[2].not_null);

  const relation_fact* handles = facts.find_relation("app", "handles");
  ASSERT_NE(handles, nullptr);
  EXPECT_TRUE(handles->is_view);
  EXPECT_EQ(handles->view_definition,
            " SELECT users.handle\n   FROM app.users\n  WHERE users.bio IS NOT NULL;");

  // Unqualified names follow search_path: public.users, not app.users.
  EXPECT_EQ(facts.search_path, (std::vector<std::string>{"pg_catalog", "public"}));
  const relation_fact* unqualified = facts.find_relation("", "users");
  ASSERT_NE(unqualified, nullptr);
  EXPECT_EQ(unqualified->schema, "public");
  // System catalogs are facts like user tables; their views are analysed like user views.
  const relation_fact* pg_class = facts.find_relation("", "pg_class");
  ASSERT_NE(pg_class, nullptr);
  EXPECT_EQ(pg_class->schema, "pg_catalog");
  const auto column = [](const relation_fact& relation, const std::string& name) {
    for (const auto& c : relation.columns) {
      if (c.name == name) return c;
    }
    ADD_FAILURE() << "no column " << name << " in " << relation.name;
    return column_fact{};
  };
  EXPECT_TRUE(column(*pg_class, "relname").not_null);
  EXPECT_FALSE(column(*pg_class, "relacl").not_null);
  const relation_fact* tables = facts.find_relation("information_schema", "tables");
  ASSERT_NE(tables, nullptr);
  EXPECT_TRUE(tables->is_view);
  EXPECT_NE(tables->view_definition.find("relname"), std::string::npos);
  ASSERT_NE(facts.find_relation("", "pg_tables"), nullptr);
  EXPECT_TRUE(facts.find_relation("", "pg_tables")->is_view);
  // Sequences: last_value, log_cnt and is_called are NOT NULL.
  const relation_fact* tickets = facts.find_relation("app", "tickets");
  ASSERT_NE(tickets, nullptr);
  ASSERT_EQ(tickets->columns.size(), 3u);
  for (const auto& c : tickets->columns) EXPECT_TRUE(c.not_null) << c.name;

  // Extension membership, and SQL bodies only where a call can stand for the body.
  const function_fact* similarity = facts.find_function("similarity");
  ASSERT_NE(similarity, nullptr);
  EXPECT_EQ(similarity->extensions, (std::set<std::string, std::less<>>{"pg_trgm"}));
  EXPECT_TRUE(facts.find_function("shout")->extensions.count(""));
  EXPECT_EQ(facts.find_function("shout")->sql_body, " SELECT upper(t) ");
  EXPECT_EQ(facts.find_function("shout")->argument_names, (std::vector<std::string>{"t"}));
  EXPECT_EQ(facts.find_function("longer")->argument_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(facts.find_function("two")->sql_body, "");  // two overloads
  EXPECT_EQ(facts.find_function("two")->overloads, 2);
  EXPECT_EQ(facts.find_function("with_default")->sql_body, "");
  EXPECT_EQ(facts.find_function("length")->sql_body, "");  // internal, not LANGUAGE sql

  const function_fact* shout = facts.find_function("shout");
  ASSERT_NE(shout, nullptr);
  EXPECT_TRUE(shout->strict);
  EXPECT_TRUE(shout->user_defined);
  EXPECT_FALSE(shout->returns_set);
  ASSERT_NE(facts.find_function("ids"), nullptr);
  EXPECT_TRUE(facts.find_function("ids")->returns_set);
  EXPECT_FALSE(facts.find_function("ids")->strict);
  const function_fact* replace = facts.find_function("replace");
  ASSERT_NE(replace, nullptr);
  EXPECT_TRUE(replace->strict);
  // citext adds replace(citext, ...) outside pg_catalog: the merged fact is not builtin-only.
  EXPECT_TRUE(replace->user_defined);
  const function_fact* length = facts.find_function("length");
  ASSERT_NE(length, nullptr);
  EXPECT_FALSE(length->user_defined);
  EXPECT_TRUE(length->strict);
  ASSERT_NE(facts.find_function("coalesce_if_any"), facts.find_function("length"));
  EXPECT_EQ(facts.find_function("no_such_function"), nullptr);
  ASSERT_NE(facts.find_function("generate_series"), nullptr);
  EXPECT_TRUE(facts.find_function("generate_series")->returns_set);
  ASSERT_NE(facts.find_function("concat"), nullptr);
  EXPECT_FALSE(facts.find_function("concat")->strict);

  EXPECT_TRUE(facts.is_aggregate("count"));
  EXPECT_TRUE(facts.is_aggregate("array_agg"));
  EXPECT_TRUE(facts.is_aggregate("longest"));
  EXPECT_FALSE(facts.is_aggregate("lower"));

  EXPECT_EQ(facts.nullable_operators.count("==="), 1u);  // the user's operator
  EXPECT_EQ(facts.nullable_operators.count("??"), 1u);   // non-strict, even in pg_catalog
  EXPECT_EQ(facts.nullable_operators.count("="), 0u);    // builtin and citext's are trusted
  EXPECT_EQ(facts.nullable_operators.count("<"), 0u);
  EXPECT_EQ(facts.nullable_operators.count("+"), 0u);
}

TEST_F(catalog_facts_reader, builtin_non_strict_operators_are_listed) {
  const catalog_facts facts = read_catalog_facts(conn());
  // Without a user schema only builtin operators are there: each listed symbol has a
  // non-strict function behind it, and the common strict ones are not listed.
  EXPECT_EQ(facts.nullable_operators.count("="), 0u);
  EXPECT_EQ(facts.nullable_operators.count("->>"), 0u);
  EXPECT_EQ(facts.nullable_operators.count("||"), 0u);  // array_cat is non-strict but safe
  std::vector<std::string> listed(facts.nullable_operators.begin(), facts.nullable_operators.end());
  for (const auto& symbol : listed) {
    SCOPED_TRACE(symbol);
    oracle_detail::result_ptr strictness(PQexecParams(
        conn(),
        "SELECT bool_and(p.proisstrict) FROM pg_operator o JOIN pg_proc p ON p.oid = o.oprcode"
        " WHERE o.oprname = $1",
        1, nullptr, std::array<const char*, 1>{symbol.c_str()}.data(), nullptr, nullptr, 0));
    EXPECT_STREQ(PQgetvalue(strictness.get(), 0, 0), "f");
  }
}

}  // namespace
}  // namespace soong::gen::testing
