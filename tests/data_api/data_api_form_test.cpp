// The Data API form of a statement on its own (no server): placeholders, casts and the row
// wrapper. The generated functions that send it are tested in data_api_generated_test.

#include "oracle/data_api_form.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using namespace soong::gen;

pg_type type_named(std::string schema, std::string name, int array_dims = 0) {
  pg_type t;
  t.schema = std::move(schema);
  t.name = std::move(name);
  t.array_dims = array_dims;
  return t;
}

query select_by_id() {
  query q;
  q.name = "GetThing";
  q.rewritten_sql =
      "SELECT id, tags FROM things WHERE id = $1 AND note <> '$1' AND $1 IS NOT NULL;";
  q.params = {
      {.number = 1, .name = "id", .type = type_named("pg_catalog", "uuid"), .nullable = false}};
  q.columns = {{.name = "id",
                .type = type_named("pg_catalog", "uuid"),
                .nullable = true,
                .origin = std::nullopt},
               {.name = "tags",
                .type = type_named("public", "Mood", 1),
                .nullable = true,
                .origin = std::nullopt}};
  return q;
}

TEST(data_api_form, every_placeholder_is_cast_to_its_exact_type_and_literals_are_left_alone) {
  const query q = select_by_id();
  EXPECT_EQ(data_api_sql(q, {"uuid_send", "array_send"}, placeholder_style::named),
            "WITH soong_rows(c1, c2) AS (\n"
            "SELECT id, tags FROM things WHERE id = CAST(:id AS pg_catalog.uuid) AND note <> '$1' "
            "AND CAST(:id AS pg_catalog.uuid) IS NOT NULL\n"
            ")\n"
            "SELECT uuid_send(c1), array_send(c2) FROM soong_rows");
  EXPECT_NE(data_api_sql(q, {"uuid_send", "array_send"}, placeholder_style::numbered)
                .find("CAST($1 AS pg_catalog.uuid)"),
            std::string::npos);
}

TEST(data_api_form, user_types_are_quoted_and_arrays_keep_their_dimensions) {
  EXPECT_EQ(exact_type_name(type_named("public", "Mood", 2)), "public.\"Mood\"[][]");
  EXPECT_EQ(exact_type_name(type_named("pg_catalog", "timestamp")), "pg_catalog.\"timestamp\"");
}

TEST(data_api_form, a_statement_without_columns_is_only_rewritten) {
  query q;
  q.rewritten_sql = "DELETE FROM things WHERE id = $1";
  q.params = {{.number = 1,
               .name = "thing_id",
               .type = type_named("pg_catalog", "int8"),
               .nullable = false}};
  EXPECT_EQ(data_api_sql(q, {}, placeholder_style::named),
            "DELETE FROM things WHERE id = CAST(:thing_id AS pg_catalog.int8)");
}

TEST(data_api_form, the_rows_join_a_top_level_with_list) {
  query q;
  q.rewritten_sql =
      "WITH gone AS (DELETE FROM things WHERE id = $1 RETURNING id) SELECT id FROM gone";
  q.main_statement_offset = q.rewritten_sql.find("SELECT id FROM gone");
  q.params = {
      {.number = 1, .name = "id", .type = type_named("pg_catalog", "int8"), .nullable = false}};
  q.columns = {{.name = "id",
                .type = type_named("pg_catalog", "int8"),
                .nullable = true,
                .origin = std::nullopt}};
  EXPECT_EQ(
      data_api_sql(q, {"int8send"}, placeholder_style::named),
      "WITH gone AS (DELETE FROM things WHERE id = CAST(:id AS pg_catalog.int8) RETURNING "
      "id),\nsoong_rows(c1) AS (\nSELECT id FROM gone\n)\nSELECT int8send(c1) FROM soong_rows");
}

}  // namespace
