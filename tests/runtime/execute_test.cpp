// soong::execute with descriptors: prepared-statement cache, column OID checks, results,
// RETURNING, affected rows, NULL errors, the statement hook, and the unnamed (PgBouncer) mode.

#include <gtest/gtest.h>

#include "runtime_fixture.hpp"

namespace {

constexpr soong::type_ref int8_param[] = {{soong::oids::int8, "pg_catalog", "int8"}};
constexpr soong::type_ref id_name_columns[] = {{soong::oids::int8, "pg_catalog", "int8"},
                                               {soong::oids::text, "pg_catalog", "text"}};
constexpr soong::statement get_item{.name = "GetItem",
                                    .sql = "SELECT id, name FROM items WHERE id = $1",
                                    .params = int8_param,
                                    .columns = id_name_columns};
constexpr soong::type_ref text_param[] = {{soong::oids::text, "pg_catalog", "text"}};
constexpr soong::statement add_item{
    .name = "AddItem",
    .sql = "INSERT INTO items (name) VALUES ($1) RETURNING id, name",
    .params = text_param,
    .columns = id_name_columns};
constexpr soong::statement rename_all{
    .name = "RenameAll", .sql = "UPDATE items SET name = $1", .params = text_param};

soong::connection items_db(soong::connection_options options = {}) {
  soong::connection conn = soong::test::fresh_connection(options);
  soong::execute_script(conn, "CREATE TABLE items (id bigserial PRIMARY KEY, name text)");
  return conn;
}

TEST(execute, returning_rows_affected_rows_and_command_tag) {
  soong::connection conn = items_db();
  const auto added = soong::execute(conn, add_item, std::string_view("first"));
  ASSERT_EQ(added.rows(), 1);
  EXPECT_EQ(added.get<std::int64_t>(0, 0), 1);
  EXPECT_EQ(added.get<std::string>(0, 1), "first");
  EXPECT_EQ(added.command_tag(), "INSERT 0 1");
  (void)soong::execute(conn, add_item, std::optional<std::string_view>{});
  const auto renamed = soong::execute(conn, rename_all, "x");
  EXPECT_EQ(renamed.affected_rows(), 2u);
  EXPECT_EQ(renamed.rows(), 0);
  const auto got = soong::execute(conn, get_item, std::int64_t{2});
  EXPECT_EQ(got.get<std::optional<std::string>>(0, 1), "x");
  EXPECT_EQ(soong::execute(conn, get_item, std::int64_t{99}).rows(), 0);
}

TEST(execute, null_in_non_optional_column_names_query_and_column) {
  soong::connection conn = items_db();
  (void)soong::execute(conn, add_item, std::optional<std::string_view>{});
  const auto r = soong::execute(conn, get_item, std::int64_t{1});
  try {
    (void)r.get<std::string>(0, 1);
    FAIL() << "expected unexpected_null";
  } catch (const soong::unexpected_null& e) {
    EXPECT_EQ(e.query_name(), "GetItem");
    EXPECT_STREQ(
        e.what(),
        "GetItem: column \"name\" is NULL in row 0, but its C++ type is not std::optional");
  }
}

TEST(execute, column_type_drift_is_a_schema_mismatch) {
  soong::connection conn = items_db();
  static constexpr soong::type_ref int4_columns[] = {{soong::oids::int4, "pg_catalog", "int4"},
                                                     {soong::oids::text, "pg_catalog", "text"}};
  static constexpr soong::statement drifted{.name = "GetItemOld",
                                            .sql = "SELECT id, name FROM items WHERE id = $1",
                                            .params = int8_param,
                                            .columns = int4_columns};
  try {
    (void)soong::execute(conn, drifted, std::int64_t{1});
    FAIL() << "expected schema_mismatch";
  } catch (const soong::schema_mismatch& e) {
    EXPECT_STREQ(e.what(),
                 "GetItemOld: column \"id\" (#1): the generated code expects pg_catalog.int4, the "
                 "database returns pg_catalog.int8 (oid 20) (regenerate the code for the current "
                 "schema)");
  }
  // The same SQL under a correct descriptor works: the check is per descriptor.
  EXPECT_EQ(soong::execute(conn, get_item, std::int64_t{1}).rows(), 0);
}

TEST(execute, column_count_drift_is_a_schema_mismatch) {
  soong::connection conn = items_db();
  static constexpr soong::statement too_few{.name = "TooFew",
                                            .sql = "SELECT id FROM items WHERE id = $1",
                                            .params = int8_param,
                                            .columns = id_name_columns};
  EXPECT_THROW((void)soong::execute(conn, too_few, std::int64_t{1}), soong::schema_mismatch);
}

TEST(execute, prepares_once_per_connection) {
  soong::connection conn = items_db();
  for (int i = 0; i < 3; ++i) (void)soong::execute(conn, get_item, std::int64_t{i});
  const auto count =
      soong::execute_sql(conn, "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1",
                         std::string(get_item.sql));
  EXPECT_EQ(count.get<std::int64_t>(0, 0), 1);
}

TEST(execute, statement_cache_off_uses_unnamed_statements_and_still_checks) {
  soong::connection conn = items_db({.statement_cache = soong::statement_cache_mode::off});
  (void)soong::execute(conn, add_item, "a");
  EXPECT_EQ(soong::execute(conn, get_item, std::int64_t{1}).get<std::string>(0, 1), "a");
  EXPECT_EQ(soong::execute_sql(conn, "SELECT count(*) FROM pg_prepared_statements")
                .get<std::int64_t>(0, 0),
            0);
  static constexpr soong::type_ref wrong[] = {{soong::oids::text, "pg_catalog", "text"},
                                              {soong::oids::text, "pg_catalog", "text"}};
  static constexpr soong::statement drifted{
      .name = "Drifted", .sql = "SELECT id, name FROM items", .columns = wrong};
  EXPECT_THROW((void)soong::execute(conn, drifted), soong::schema_mismatch);
}

TEST(execute, same_sql_with_different_parameter_types_are_separate_statements) {
  soong::connection conn = items_db();
  static constexpr soong::type_ref int4_param[] = {{soong::oids::int4, "pg_catalog", "int4"}};
  static constexpr soong::type_ref text_param_[] = {{soong::oids::text, "pg_catalog", "text"}};
  static constexpr soong::statement as_int{
      .name = "EchoInt", .sql = "SELECT $1::text AS v", .params = int4_param};
  static constexpr soong::statement as_text{
      .name = "EchoText", .sql = "SELECT $1::text AS v", .params = text_param_};
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(soong::execute(conn, as_int, std::int32_t{42}).get<std::string>(0, 0), "42");
    EXPECT_EQ(soong::execute(conn, as_text, "forty-two").get<std::string>(0, 0), "forty-two");
  }
  EXPECT_EQ(soong::execute_sql(conn, "SELECT count(*) FROM pg_prepared_statements")
                .get<std::int64_t>(0, 0),
            2);
}

TEST(execute, reprepares_after_discard_all) {
  soong::connection conn = items_db({.statement_cache = soong::statement_cache_mode::on});
  (void)soong::execute(conn, get_item, std::int64_t{1});
  soong::execute_script(conn, "DEALLOCATE ALL");
  EXPECT_EQ(soong::execute(conn, get_item, std::int64_t{1}).rows(), 0);
}

TEST(execute, hook_sees_name_sql_duration_and_parameters_only_when_enabled) {
  soong::connection conn = items_db();
  std::vector<std::string> seen;
  std::size_t parameters = 0;
  conn.set_statement_hook([&](const soong::statement_event& e) {
    seen.push_back(std::string(e.query_name) + "|" + std::string(e.sql));
    parameters += e.parameters.size();
    EXPECT_GT(e.duration.count(), 0);
  });
  (void)soong::execute(conn, add_item, "secret");
  EXPECT_EQ(seen, std::vector<std::string>{"AddItem|" + std::string(add_item.sql)});
  EXPECT_EQ(parameters, 0u);
  std::string value;
  conn.set_statement_hook(
      [&](const soong::statement_event& e) {
        if (!e.parameters.empty() && e.parameters[0].binary) value = *e.parameters[0].binary;
      },
      true);
  (void)soong::execute(conn, add_item, "visible");
  EXPECT_EQ(value, "visible");
}

TEST(execute, wrong_argument_count_and_bad_positions_are_errors) {
  soong::connection conn = items_db();
  EXPECT_THROW((void)soong::execute(conn, get_item), soong::error);
  const auto r = soong::execute(conn, get_item, std::int64_t{1});
  EXPECT_THROW((void)r.get<std::int64_t>(0, 0), soong::error);
}

TEST(execute, argument_of_the_wrong_type_is_refused_before_sending) {
  soong::connection conn = items_db();
  // Four bytes of text would otherwise be read by the server as an int4.
  static constexpr soong::type_ref int4_param[] = {{soong::oids::int4, "pg_catalog", "int4"}};
  static constexpr soong::statement by_int4{
      .name = "ByInt4", .sql = "SELECT $1::int8", .params = int4_param};
  try {
    (void)soong::execute(conn, by_int4, std::string_view("abcd"));
    FAIL() << "expected soong::error";
  } catch (const soong::error& e) {
    EXPECT_STREQ(e.what(),
                 "ByInt4: parameter $1: the C++ argument does not encode as int4 (oid 23) (the "
                 "generated code and the runtime disagree; regenerate)");
  }
  EXPECT_EQ(soong::execute(conn, by_int4, std::int32_t{7}).get<std::int64_t>(0, 0), 7);
}

TEST(execute, raw_sql_checks_the_requested_type) {
  soong::connection conn = items_db();
  const auto r = soong::execute_sql(conn, "SELECT 1::int8 AS n");
  EXPECT_THROW((void)r.get<std::int32_t>(0, 0), soong::schema_mismatch);
  EXPECT_EQ(r.get<std::int64_t>(0, 0), 1);
}

}  // namespace
