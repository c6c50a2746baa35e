// The user's schema objects read back from pg_catalog: enums, composite types, tables, views.

#include "oracle/catalog_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "oracle_fixture.hpp"

namespace soong::gen::testing {
namespace {

using schema_objects = oracle_test;

const table* find_table(const ir& value, std::string_view schema, std::string_view name) {
  const auto it = std::find_if(value.tables.begin(), value.tables.end(), [&](const table& t) {
    return t.schema == schema && t.name == name;
  });
  return it == value.tables.end() ? nullptr : &*it;
}

std::vector<std::string> column_names(const table& t) {
  std::vector<std::string> names;
  for (const auto& c : t.columns) names.push_back(c.name);
  return names;
}

TEST_F(schema_objects, enums_composites_tables_and_views) {
  apply(R"sql(
CREATE EXTENSION citext;
CREATE EXTENSION "uuid-ossp";
CREATE SCHEMA billing;
CREATE TYPE public.mood AS ENUM ('ok', 'happy');
ALTER TYPE public.mood ADD VALUE 'sad' BEFORE 'ok';
CREATE TYPE billing.money_amount AS (currency char(3), cents int8);
CREATE DOMAIN public.email AS citext;
CREATE TABLE public.users (
  id int8 PRIMARY KEY,
  dropped_later text,
  handle text NOT NULL,
  email public.email,
  mood public.mood NOT NULL DEFAULT 'ok'
);
ALTER TABLE public.users DROP COLUMN dropped_later;
ALTER TABLE public.users ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
CREATE TABLE billing.invoices (
  uuid uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
  user_id int8 NOT NULL REFERENCES public.users (id),
  total billing.money_amount
);
CREATE VIEW billing.user_totals AS
  SELECT u.handle, i.total FROM public.users u LEFT JOIN billing.invoices i ON i.user_id = u.id;
CREATE MATERIALIZED VIEW public.handles AS SELECT handle FROM public.users;
)sql");
  ir value;
  read_schema_objects(conn(), *types_, value);

  ASSERT_EQ(value.enums.size(), 1u);
  EXPECT_EQ(value.enums[0].schema, "public");
  EXPECT_EQ(value.enums[0].name, "mood");
  EXPECT_EQ(value.enums[0].labels, (std::vector<std::string>{"sad", "ok", "happy"}));

  ASSERT_EQ(value.composites.size(), 1u);  // tables' row types are not listed as composites
  EXPECT_EQ(value.composites[0].schema, "billing");
  EXPECT_EQ(value.composites[0].name, "money_amount");
  ASSERT_EQ(value.composites[0].fields.size(), 2u);
  EXPECT_EQ(value.composites[0].fields[0].name, "currency");
  EXPECT_EQ(value.composites[0].fields[0].type.name, "bpchar");
  EXPECT_EQ(value.composites[0].fields[0].type.typmod, 3 + 4);
  EXPECT_EQ(value.composites[0].fields[1].type.name, "int8");

  // Sorted by schema, then name; nothing from pg_catalog, information_schema or extensions.
  std::vector<std::string> names;
  for (const auto& t : value.tables) names.push_back(t.schema + "." + t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"billing.invoices", "billing.user_totals",
                                             "public.handles", "public.users"}));

  const table* users = find_table(value, "public", "users");
  ASSERT_NE(users, nullptr);
  EXPECT_FALSE(users->is_view);
  EXPECT_EQ(column_names(*users),
            (std::vector<std::string>{"id", "handle", "email", "mood", "tags"}));
  EXPECT_TRUE(users->columns[0].not_null);  // PRIMARY KEY implies NOT NULL
  EXPECT_TRUE(users->columns[1].not_null);
  EXPECT_FALSE(users->columns[2].not_null);
  EXPECT_EQ(users->columns[2].type.kind, type_kind::domain);
  EXPECT_EQ(users->columns[2].type.domain_base, "citext");
  EXPECT_EQ(users->columns[3].type.kind, type_kind::enumeration);
  EXPECT_EQ(users->columns[4].type.name, "text");
  EXPECT_EQ(users->columns[4].type.array_dims, 1);
  EXPECT_TRUE(users->columns[4].not_null);

  const table* invoices = find_table(value, "billing", "invoices");
  ASSERT_NE(invoices, nullptr);
  EXPECT_EQ(invoices->columns[2].type.kind, type_kind::composite);
  EXPECT_EQ(invoices->columns[2].type.name, "money_amount");

  const table* totals = find_table(value, "billing", "user_totals");
  ASSERT_NE(totals, nullptr);
  EXPECT_TRUE(totals->is_view);
  EXPECT_EQ(column_names(*totals), (std::vector<std::string>{"handle", "total"}));
  EXPECT_FALSE(totals->columns[0].not_null);  // PostgreSQL tracks no NOT NULL for views

  const table* handles = find_table(value, "public", "handles");
  ASSERT_NE(handles, nullptr);
  EXPECT_TRUE(handles->is_view);
}

TEST_F(schema_objects, empty_schema_gives_empty_lists_and_replaces_old_content) {
  ir value;
  value.enums.push_back({"x", "stale", {}});
  value.tables.push_back({"x", "stale", false, {}});
  read_schema_objects(conn(), *types_, value);
  EXPECT_TRUE(value.enums.empty());
  EXPECT_TRUE(value.composites.empty());
  EXPECT_TRUE(value.tables.empty());
}

}  // namespace
}  // namespace soong::gen::testing
