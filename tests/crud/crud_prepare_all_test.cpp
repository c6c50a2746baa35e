// The target's prepare_all with CRUD tables, live: the fixed statements of every CRUD table
// (get, its _json twin, exists, delete, each get_..._by) are prepared on the connection beside
// the query files' statements; after a column they read was dropped, one soong::prepare_error
// names each CRUD function whose statement no longer prepares, with named and with unnamed
// statements.

#include <gtest/gtest.h>

#include <set>
#include <soong/soong.hpp>
#include <span>
#include <string>
#include <vector>

#include "accounts.crud.hpp"
#include "crud_queries.prepare_all.hpp"
#include "events.crud.hpp"
#include "gizmo_names.crud.hpp"
#include "gizmos.crud.hpp"
#include "links.crud.hpp"
#include "slots.crud.hpp"
#include "sql/queries.sql.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {
namespace db = crud_test;

std::string schema_sql() {
  return soong::testing::read_file(std::string(SOONG_CRUD_DIR) + "/sql/schema.sql");
}

std::vector<std::string> names_of(std::span<const soong::statement* const> statements) {
  std::vector<std::string> names;
  for (const soong::statement* s : statements) names.emplace_back(s->name);
  return names;
}

std::vector<std::string> failed_functions(const soong::prepare_error& e) {
  std::vector<std::string> names;
  for (const soong::prepare_failure& f : e.failures()) names.push_back(f.query_name);
  return names;
}

/// The SQL text of every statement prepared on `conn`'s server session.
std::set<std::string> prepared_texts(soong::connection& conn) {
  const soong::result r = soong::execute_sql(conn, "SELECT statement FROM pg_prepared_statements");
  std::set<std::string> texts;
  for (int i = 0; i < r.rows(); ++i) texts.insert(r.get<std::string>(i, 0));
  return texts;
}

TEST(crud_prepare_all, lists_each_tables_fixed_statements) {
  EXPECT_EQ(names_of(db::detail::accounts_crud_statements()),
            (std::vector<std::string>{"get_accounts", "get_accounts_json", "exists_accounts",
                                      "delete_accounts", "get_accounts_by_handle",
                                      "get_accounts_by_handle_json"}));
  EXPECT_EQ(
      names_of(db::detail::links_crud_statements()),
      (std::vector<std::string>{"get_links", "get_links_json", "exists_links", "delete_links"}));
  // No primary key, or a view: every statement depends on the call.
  EXPECT_TRUE(db::detail::events_crud_statements().empty());
  EXPECT_TRUE(db::detail::gizmo_names_crud_statements().empty());
}

TEST(crud_prepare_all, prepares_the_crud_tables_fixed_statements_on_the_connection) {
  const std::string conninfo = soong::testing::seeded_database(schema_sql());
  soong::connection conn{
      conninfo, soong::connection_options{.statement_cache = soong::statement_cache_mode::on}};
  EXPECT_TRUE(prepared_texts(conn).empty());
  db::prepare_all(conn);
  const std::set<std::string> prepared = prepared_texts(conn);
  std::size_t crud_statements = 0;
  for (const auto list :
       {db::detail::gizmos_crud_statements(), db::detail::accounts_crud_statements(),
        db::detail::links_crud_statements(), db::detail::slots_crud_statements()}) {
    for (const soong::statement* s : list) {
      ++crud_statements;
      EXPECT_TRUE(prepared.contains(std::string(s->sql))) << s->name << ":\n" << s->sql;
    }
  }
  EXPECT_EQ(crud_statements, 4u + 6u + 4u + 6u);
  for (const soong::statement* s : db::detail::sql_queries_statements()) {
    EXPECT_TRUE(prepared.contains(std::string(s->sql))) << s->name;
  }
  // The prepared statements are the ones the calls use.
  const db::gizmos_row g = db::insert_gizmos(conn, {.name = "spoke"});
  EXPECT_EQ(db::get_gizmos(conn, g.id), g);
  EXPECT_TRUE(db::exists_gizmos(conn, g.id));
  EXPECT_EQ(prepared_texts(conn).size(), prepared.size() + 1) << "only insert_gizmos is new";
}

TEST(crud_prepare_all, a_unique_key_lookup_binds_its_columns_in_table_order) {
  // slots is UNIQUE (seat, room) with room before seat in the table.
  const std::string conninfo = soong::testing::seeded_database(schema_sql());
  soong::connection conn{conninfo};
  db::insert_slots(conn, {.id = 1, .room = "blue", .seat = 7});
  db::insert_slots(conn, {.id = 2, .room = "red", .seat = 7});
  const auto found = db::get_slots_by_seat_room(conn, 7, "red");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, 2);
  EXPECT_FALSE(db::get_slots_by_seat_room(conn, 8, "red").has_value());
  EXPECT_NE(db::get_slots_by_seat_room_json(conn, 7, "blue").value_or("").find("\"id\":1"),
            std::string::npos);
}

class crud_prepare_all_drift : public ::testing::TestWithParam<soong::statement_cache_mode> {};

TEST_P(crud_prepare_all_drift, names_each_crud_function_that_no_longer_prepares) {
  const std::string conninfo = soong::testing::seeded_database(schema_sql());
  soong::testing::run_sql(conninfo,
                          "ALTER TABLE gizmos DROP COLUMN color;"
                          "ALTER TABLE accounts RENAME COLUMN handle TO nickname;");
  soong::connection conn{conninfo, soong::connection_options{.statement_cache = GetParam()}};
  try {
    db::prepare_all(conn);
    FAIL() << "expected soong::prepare_error";
  } catch (const soong::prepare_error& e) {
    // exists_T reads no column but the key: it still prepares.
    EXPECT_EQ(failed_functions(e),
              (std::vector<std::string>{"get_accounts", "get_accounts_json", "delete_accounts",
                                        "get_accounts_by_handle", "get_accounts_by_handle_json",
                                        "get_gizmos", "get_gizmos_json", "delete_gizmos"}))
        << e.what();
    const std::string what = e.what();
    EXPECT_NE(what.find("get_gizmos: column \"color\" does not exist [42703]"), std::string::npos)
        << what;
  }
  // One table alone.
  try {
    db::prepare_all_gizmos_crud(conn);
    FAIL() << "expected soong::prepare_error";
  } catch (const soong::prepare_error& e) {
    EXPECT_EQ(failed_functions(e),
              (std::vector<std::string>{"get_gizmos", "get_gizmos_json", "delete_gizmos"}))
        << e.what();
  }
  EXPECT_NO_THROW(db::prepare_all_links_crud(conn));
  EXPECT_EQ(db::count_gizmos(conn), 0);
}

INSTANTIATE_TEST_SUITE_P(statement_cache, crud_prepare_all_drift,
                         ::testing::Values(soong::statement_cache_mode::on,
                                           soong::statement_cache_mode::off),
                         [](const auto& info) {
                           return info.param == soong::statement_cache_mode::on ? "named"
                                                                                : "unnamed";
                         });

}  // namespace
