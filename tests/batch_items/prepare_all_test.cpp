// The generated prepare_all of a query file and of the whole add_sql_queries() target, live: on
// the schema the code was generated for every statement prepares and is cached; after the schema
// drifted (a dropped column, a changed column type) one soong::prepare_error names every query
// that no longer prepares with the server's message, with named and with unnamed statements.

#include <gtest/gtest.h>

#include <algorithm>
#include <soong/soong.hpp>
#include <string>
#include <vector>

#include "accounts.sql.hpp"
#include "batch_items_queries.prepare_all.hpp"
#include "ledger.sql.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {
namespace db = batch_items::db;

std::string read_source(const std::string& name) {
  return soong::testing::read_file(std::string(SOONG_BATCH_ITEMS_DIR) + "/" + name);
}

std::vector<std::string> failed_queries(const soong::prepare_error& e) {
  std::vector<std::string> names;
  for (const soong::prepare_failure& f : e.failures()) names.push_back(f.query_name);
  return names;
}

std::int64_t prepared_count(soong::connection& conn) {
  return soong::execute_sql(conn, "SELECT count(*) FROM pg_prepared_statements")
      .get<std::int64_t>(0, 0);
}

class prepare_all : public ::testing::TestWithParam<soong::statement_cache_mode> {
 protected:
  std::string conninfo{soong::testing::seeded_database(read_source("schema.sql"))};
  soong::connection conn{conninfo, soong::connection_options{.statement_cache = GetParam()}};
};

TEST_P(prepare_all, prepares_every_statement_of_the_target_on_the_schema_it_was_generated_for) {
  db::prepare_all(conn);
  // accounts.sql: 4 statements and CountAccounts' _json twin; ledger.sql: 2 and their twins.
  const std::size_t statements =
      db::detail::accounts_statements().size() + db::detail::ledger_statements().size();
  EXPECT_EQ(db::detail::accounts_statements().size(), 5u);
  EXPECT_EQ(db::detail::ledger_statements().size(), 4u);
  if (GetParam() == soong::statement_cache_mode::on) {
    EXPECT_EQ(prepared_count(conn), static_cast<std::int64_t>(statements));
  } else {
    EXPECT_EQ(prepared_count(conn), 0);
  }
  // And the functions still run.
  EXPECT_EQ(db::count_accounts(conn), std::optional<std::int64_t>(0));
}

TEST_P(prepare_all, names_every_query_that_no_longer_prepares) {
  soong::testing::run_sql(conninfo,
                          "ALTER TABLE accounts DROP COLUMN owner;"
                          "ALTER TABLE accounts ALTER COLUMN balance TYPE bigint;");
  try {
    db::prepare_all(conn);
    FAIL() << "expected soong::prepare_error";
  } catch (const soong::prepare_error& e) {
    const std::vector<std::string> names = failed_queries(e);
    // AccountBalance's _json twin still prepares: JSON text whatever the column's type.
    EXPECT_EQ(names,
              (std::vector<std::string>{"AddAccounts", "AddAccountsReturning", "AccountsAbove",
                                        "AccountBalance", "AccountOwners", "AccountOwners (json)"}))
        << e.what();
    const std::string what = e.what();
    EXPECT_NE(what.find("prepare_all: 6 of 9 statements no longer prepare: "), std::string::npos)
        << what;
    EXPECT_NE(what.find("AddAccounts: column \"owner\" of relation \"accounts\" does not exist "
                        "[42703]"),
              std::string::npos)
        << what;
    const auto balance = std::find_if(e.failures().begin(), e.failures().end(), [](const auto& f) {
      return f.query_name == "AccountBalance";
    });
    ASSERT_NE(balance, e.failures().end());
    EXPECT_TRUE(balance->sqlstate.empty());  // soong's column check, not the server
    EXPECT_NE(balance->message.find("int8"), std::string::npos) << balance->message;
  }
  // The statements that still prepare do, and the connection stays usable.
  EXPECT_EQ(db::count_accounts(conn), std::optional<std::int64_t>(0));
}

TEST_P(prepare_all, one_file_prepares_only_its_own_statements) {
  soong::testing::run_sql(conninfo, "ALTER TABLE accounts DROP COLUMN owner");
  try {
    db::prepare_all_ledger(conn);
    FAIL() << "expected soong::prepare_error";
  } catch (const soong::prepare_error& e) {
    EXPECT_EQ(failed_queries(e),
              (std::vector<std::string>{"AccountOwners", "AccountOwners (json)"}))
        << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(statement_cache, prepare_all,
                         ::testing::Values(soong::statement_cache_mode::on,
                                           soong::statement_cache_mode::off),
                         [](const auto& info) {
                           return info.param == soong::statement_cache_mode::on ? "named"
                                                                                : "unnamed";
                         });

}  // namespace
