// Describing queries: the exact types PostgreSQL resolves for parameters and result columns,
// and prepare errors mapped back to the user's file.

#include "oracle/describe.hpp"

#include <gtest/gtest.h>

#include <string>

#include "ir_json.hpp"
#include "oracle_fixture.hpp"

namespace soong::gen::testing {
namespace {

constexpr const char* typed_schema = R"sql(
CREATE EXTENSION citext;
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE app.address AS (street text, zip varchar(10));
CREATE DOMAIN app.positive_int AS int4 CHECK (VALUE > 0);
CREATE DOMAIN app.small_positive AS app.positive_int CHECK (VALUE < 100);
CREATE DOMAIN app.tags AS text[];
CREATE DOMAIN app.handle AS varchar(20);
CREATE TABLE app.things (
  id int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  labels text[] NOT NULL DEFAULT '{}',
  matrix int4[][],
  mood app.mood,
  moods app.mood[],
  home app.address,
  karma app.small_positive,
  tags app.tags,
  doc json,
  docb jsonb,
  price numeric(10, 2),
  created_at timestamptz NOT NULL DEFAULT now(),
  email citext,
  handle varchar(20)
);
)sql";

class describe_query : public oracle_test {
 protected:
  void SetUp() override {
    oracle_test::SetUp();
    apply(typed_schema);
  }

  // The single result column of `sql`.
  column only_column(const std::string& sql) {
    const auto d = describe(sql);
    EXPECT_FALSE(d.error) << to_string(*d.error);
    EXPECT_EQ(d.columns.size(), 1u) << sql;
    return d.columns.empty() ? column{} : d.columns[0];
  }
};

TEST_F(describe_query, column_types_names_and_origins) {
  const auto d = describe("SELECT * FROM app.things");
  ASSERT_FALSE(d.error) << to_string(*d.error);
  ASSERT_EQ(d.columns.size(), 14u);
  struct expected {
    const char* name;
    const char* type;
    type_kind kind;
    int dims;
  };
  const expected want[] = {
      {"id", "int8", type_kind::base, 0},
      {"labels", "text", type_kind::base, 1},
      {"matrix", "int4", type_kind::base, 1},  // dimensions are not enforced: reported as 1
      {"mood", "mood", type_kind::enumeration, 0},
      {"moods", "mood", type_kind::enumeration, 1},
      {"home", "address", type_kind::composite, 0},
      {"karma", "int4", type_kind::base, 0},  // see result_columns_of_domains_...
      {"tags", "text", type_kind::base, 1},
      {"doc", "json", type_kind::base, 0},
      {"docb", "jsonb", type_kind::base, 0},
      {"price", "numeric", type_kind::base, 0},
      {"created_at", "timestamptz", type_kind::base, 0},
      {"email", "citext", type_kind::base, 0},
      {"handle", "varchar", type_kind::base, 0},
  };
  for (std::size_t i = 0; i < d.columns.size(); ++i) {
    const column& c = d.columns[i];
    SCOPED_TRACE(want[i].name);
    EXPECT_EQ(c.name, want[i].name);
    EXPECT_EQ(c.type.name, want[i].type);
    EXPECT_EQ(c.type.kind, want[i].kind);
    EXPECT_EQ(c.type.array_dims, want[i].dims);
    EXPECT_TRUE(c.nullable) << "nullability is the nullability stage's to prove";
    ASSERT_TRUE(c.origin.has_value());
    EXPECT_EQ(c.origin->schema, "app");
    EXPECT_EQ(c.origin->table, "things");
    EXPECT_EQ(c.origin->column, want[i].name);
  }
  EXPECT_EQ(d.columns[0].type.oid, 20u);
  EXPECT_EQ(d.columns[0].type.schema, "pg_catalog");
  EXPECT_EQ(d.columns[3].type.schema, "app");
  EXPECT_EQ(d.columns[12].type.schema, "public");            // the extension's schema
  EXPECT_EQ(d.columns[10].type.typmod, (10 << 16 | 2) + 4);  // numeric(10,2)
  EXPECT_EQ(d.columns[13].type.typmod, 20 + 4);              // varchar(20)
  EXPECT_EQ(d.columns[0].type.typmod, -1);
}

TEST_F(describe_query, result_columns_of_domains_are_reported_as_their_base_type) {
  // PostgreSQL's RowDescription carries the domain's base type, not the domain; casting to
  // the domain does not change that. Parameters keep the domain (see next test).
  EXPECT_EQ(only_column("SELECT karma FROM app.things").type.name, "int4");
  EXPECT_EQ(only_column("SELECT 5::app.small_positive AS k").type.name, "int4");
}

TEST_F(describe_query, domains_resolve_to_their_last_base) {
  const auto d = describe("INSERT INTO app.things (karma, tags) VALUES ($1, $2)");
  ASSERT_FALSE(d.error) << to_string(*d.error);
  ASSERT_EQ(d.param_types.size(), 2u);
  const pg_type& karma = d.param_types[0];
  EXPECT_EQ(karma.name, "small_positive");
  EXPECT_EQ(karma.schema, "app");
  EXPECT_EQ(karma.kind, type_kind::domain);
  EXPECT_EQ(karma.domain_base, "int4");  // through app.positive_int
  EXPECT_EQ(karma.domain_base_oid, 23u);
  EXPECT_EQ(karma.domain_base_array_dims, 0);
  const pg_type& tags = d.param_types[1];
  EXPECT_EQ(tags.name, "tags");
  EXPECT_EQ(tags.kind, type_kind::domain);
  EXPECT_EQ(tags.array_dims, 0);
  EXPECT_EQ(tags.domain_base, "text");
  EXPECT_EQ(tags.domain_base_array_dims, 1);

  const auto cast = describe("SELECT $1::app.handle AS h");
  ASSERT_FALSE(cast.error) << to_string(*cast.error);
  ASSERT_EQ(cast.param_types.size(), 1u);
  EXPECT_EQ(cast.param_types[0].name, "handle");
  EXPECT_EQ(cast.param_types[0].domain_base, "varchar");
  EXPECT_EQ(cast.param_types[0].typmod, 20 + 4);  // the domain's own modifier
}

TEST_F(describe_query, parameter_types) {
  const auto d = describe(
      "SELECT id FROM app.things WHERE id = $1 AND labels @> $2 AND mood = $3 AND moods && $4"
      " AND docb @> $5 AND price > $6 AND created_at < $7 AND email = $8 AND handle = $9"
      " AND home = $10");
  ASSERT_FALSE(d.error) << to_string(*d.error);
  ASSERT_EQ(d.param_types.size(), 10u);
  const std::pair<const char*, int> want[] = {
      {"int8", 0},    {"text", 1},        {"mood", 0},   {"mood", 1}, {"jsonb", 0},
      {"numeric", 0}, {"timestamptz", 0}, {"citext", 0}, {"text", 0}, {"record", 0}};
  for (std::size_t i = 0; i < d.param_types.size(); ++i) {
    SCOPED_TRACE(i + 1);
    EXPECT_EQ(d.param_types[i].name, want[i].first);
    EXPECT_EQ(d.param_types[i].array_dims, want[i].second);
    EXPECT_EQ(d.param_types[i].typmod, -1);
  }
  EXPECT_EQ(d.param_types[2].kind, type_kind::enumeration);
  // `varchar = $n` resolves through texteq, so the parameter is text; a composite compared with
  // `=` resolves through record_eq, so the parameter is the pseudo type record (data for the
  // emitter's "unsupported type" diagnostic).
  EXPECT_EQ(d.param_types[9].kind, type_kind::pseudo);

  const auto insert = describe("INSERT INTO app.things (home, handle) VALUES ($1, $2)");
  ASSERT_FALSE(insert.error) << to_string(*insert.error);
  ASSERT_EQ(insert.param_types.size(), 2u);
  EXPECT_EQ(insert.param_types[0].name, "address");
  EXPECT_EQ(insert.param_types[0].kind, type_kind::composite);
  EXPECT_EQ(insert.param_types[1].name, "varchar");
}

TEST_F(describe_query, computed_columns_have_no_origin_and_pseudo_types_are_data) {
  const auto d = describe(
      "SELECT count(*), now() AS at, ROW(1, 'a') AS r, labels[1] AS first_label,"
      " to_json(t) AS j FROM app.things t GROUP BY t.id");
  ASSERT_FALSE(d.error) << to_string(*d.error);
  ASSERT_EQ(d.columns.size(), 5u);
  EXPECT_EQ(d.columns[0].name, "count");
  EXPECT_EQ(d.columns[0].type.name, "int8");
  EXPECT_FALSE(d.columns[0].origin.has_value());
  EXPECT_EQ(d.columns[1].type.name, "timestamptz");
  EXPECT_EQ(d.columns[2].type.name, "record");
  EXPECT_EQ(d.columns[2].type.kind, type_kind::pseudo);
  EXPECT_EQ(d.columns[3].type.name, "text");
  EXPECT_EQ(d.columns[3].type.array_dims, 0);
  EXPECT_EQ(d.columns[4].type.name, "json");
}

TEST_F(describe_query, composite_fields_and_enum_labels_come_from_the_catalog) {
  const column home = only_column("SELECT home FROM app.things");
  const auto fields = types_->composite_fields(home.type.oid);
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].name, "street");
  EXPECT_EQ(fields[0].type.name, "text");
  EXPECT_EQ(fields[1].name, "zip");
  EXPECT_EQ(fields[1].type.name, "varchar");
  EXPECT_EQ(fields[1].type.typmod, 14);
  const column mood = only_column("SELECT mood FROM app.things");
  EXPECT_EQ(types_->enum_labels(mood.type.oid), (std::vector<std::string>{"sad", "ok", "happy"}));
}

TEST_F(describe_query, returning_columns_have_origins) {
  const auto d = describe("INSERT INTO app.things (mood) VALUES ($1) RETURNING id, created_at");
  ASSERT_FALSE(d.error) << to_string(*d.error);
  ASSERT_EQ(d.columns.size(), 2u);
  ASSERT_TRUE(d.columns[1].origin.has_value());
  EXPECT_EQ(d.columns[1].origin->column, "created_at");
  EXPECT_EQ(d.param_types.at(0).name, "mood");
}

TEST_F(describe_query, prepare_error_is_mapped_through_the_callers_position_map) {
  // The caller's map: the rewritten SQL sits at line 20, column 3 of users.sql, byte 400.
  const std::string sql = "SELECT id,\n       nme\n  FROM app.things WHERE id = $1";
  int asked = 0;
  const position_mapper map = [&](int position) {
    asked = position;
    return file_position{
        {"users.sql", 20 + (position > 11 ? 1 : 0), position > 11 ? position - 11 : position + 2},
        static_cast<std::size_t>(400 + position - 1)};
  };
  const auto d = describe_statement(conn(), *types_, sql, map);
  ASSERT_TRUE(d.error.has_value());
  EXPECT_EQ(asked, 19);  // "nme" is the 19th character
  EXPECT_EQ(to_string(*d.error), R"(users.sql:21:8: error: column "nme" does not exist [42703])");
  EXPECT_EQ(d.error->position.byte_offset, 418u);
}

TEST_F(describe_query, prepare_error_position_counts_characters) {
  const std::string sql = "SELECT 'żółw' AS animal, nosuch FROM app.things";
  const auto d = describe(sql);
  ASSERT_TRUE(d.error.has_value());
  EXPECT_EQ(to_string(*d.error),
            R"(query.sql:1:26: error: column "nosuch" does not exist [42703])");
  EXPECT_EQ(d.error->position.byte_offset, sql.find("nosuch"));
}

TEST_F(describe_query, untyped_parameter_gets_a_cast_hint) {
  const auto d = describe("SELECT id FROM app.things WHERE $1 IS NULL OR $2 IS NULL");
  ASSERT_TRUE(d.error.has_value());
  EXPECT_EQ(d.error->sqlstate, "42P18");
  EXPECT_EQ(d.error->message, "could not determine data type of parameter $1");
  EXPECT_EQ(d.error->hint,
            "add a cast to give the parameter a type, e.g. `$1::int4` (or `@name::text`, "
            "`sqlc.arg(name)::uuid`)");
  EXPECT_EQ(d.error->position.location.line, 1);
}

TEST_F(describe_query, keeps_going_after_errors) {
  std::vector<query> queries(4);
  queries[0].name = "First";
  queries[0].rewritten_sql = "SELECT id FROM app.things WHERE id = $1";
  queries[0].params.push_back({1, "id", {}, false});
  queries[1].name = "Broken";
  queries[1].rewritten_sql = "SELECT nosuch FROM app.things";
  queries[2].name = "Untyped";
  queries[2].rewritten_sql = "SELECT $1 IS NULL AS missing";
  queries[3].name = "Last";
  queries[3].rewritten_sql = "SELECT mood FROM app.things WHERE handle = $1 AND mood = $2";
  queries[3].params.push_back({2, "mood", {}, true});
  const auto errors = describe_queries(conn(), *types_, queries, [](const query& q) {
    return identity_mapper(q.rewritten_sql, q.name + ".sql");
  });
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].query_name, "Broken");
  EXPECT_EQ(to_string(errors[0]),
            R"(Broken.sql:1:8: error: column "nosuch" does not exist [42703])");
  EXPECT_EQ(errors[1].query_name, "Untyped");
  EXPECT_EQ(errors[1].sqlstate, "42P18");

  ASSERT_EQ(queries[0].params.size(), 1u);
  EXPECT_EQ(queries[0].params[0].type.name, "int8");
  ASSERT_EQ(queries[0].columns.size(), 1u);
  EXPECT_TRUE(queries[1].columns.empty());
  // $1 had no entry: it is added as p1; $2 keeps its name and nullability.
  ASSERT_EQ(queries[3].params.size(), 2u);
  EXPECT_EQ(queries[3].params[0].number, 1);
  EXPECT_EQ(queries[3].params[0].name, "p1");
  EXPECT_EQ(queries[3].params[0].type.name, "text");  // varchar = $1 resolves through texteq
  EXPECT_EQ(queries[3].params[1].name, "mood");
  EXPECT_TRUE(queries[3].params[1].nullable);
  EXPECT_EQ(queries[3].params[1].type.name, "mood");
  ASSERT_EQ(queries[3].columns.size(), 1u);
}

TEST_F(describe_query, describe_does_not_execute_the_statement) {
  const auto d = describe("INSERT INTO app.things (mood) VALUES ('ok') RETURNING id");
  ASSERT_FALSE(d.error) << to_string(*d.error);
  EXPECT_EQ(only_column("SELECT count(*) FROM app.things").type.name, "int8");
  const auto count = describe("SELECT 1 FROM app.things");
  ASSERT_FALSE(count.error);
  oracle_detail::result_ptr rows(PQexec(conn(), "SELECT count(*) FROM app.things"));
  EXPECT_STREQ(PQgetvalue(rows.get(), 0, 0), "0");
}

TEST_F(describe_query, described_queries_print_as_the_describe_document) {
  ir value;
  query q;
  q.name = "GetThing";
  q.cmd = command::one;
  q.location = {"query.sql", 3, 1};
  q.rewritten_sql = "SELECT id, moods, labels FROM app.things WHERE id = $1";
  q.params.push_back({1, "id", {}, false});
  value.queries.push_back(q);
  const auto errors = describe_queries(conn(), *types_, value.queries, [](const query& q) {
    return identity_mapper(q.rewritten_sql);
  });
  ASSERT_TRUE(errors.empty()) << to_string(errors[0]);
  value.queries[0].columns[0].nullable = false;  // the nullability stage's job, done by hand
  const auto doc = describe_json(value);
  const auto& described = doc["queries"][0];
  EXPECT_EQ(described["name"], "GetThing");
  EXPECT_EQ(described["command"], "one");
  EXPECT_EQ(described["file"], "query.sql");
  EXPECT_EQ(described["line"], 3);
  EXPECT_EQ(described["params"].dump(),
            R"([{"name":"id","type":"int8","nullable":false,"array_dims":0,)"
            R"("schema":"pg_catalog","kind":"base","number":1}])");
  EXPECT_EQ(described["columns"].dump(),
            R"([{"name":"id","type":"int8","nullable":false,"array_dims":0,)"
            R"("schema":"pg_catalog","kind":"base"},)"
            R"({"name":"moods","type":"mood","nullable":true,"array_dims":1,)"
            R"("schema":"app","kind":"enum"},)"
            R"({"name":"labels","type":"text","nullable":true,"array_dims":1,)"
            R"("schema":"pg_catalog","kind":"base"}])");
}

}  // namespace
}  // namespace soong::gen::testing
