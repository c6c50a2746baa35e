// The pooler check finds each kind of session state where it is written, and leaves the
// transaction-scoped forms alone.

#include "parse/pooler_safety.hpp"

#include <gtest/gtest.h>

#include "diag/render.hpp"
#include "parse_test_support.hpp"

namespace soong::gen {
namespace {

/// The rendered diagnostics of checking `text` for `mode`.
std::string hazards(std::string_view text, pooler_mode mode = pooler_mode::transaction) {
  const source_file file("q.sql", std::string(text));
  diagnostics parse_diags;
  const parsed_file parsed = parse_query_file(file, parse_diags);
  EXPECT_FALSE(parse_diags.has_errors()) << render(parse_diags);
  diagnostics found;
  check_pooler_safety(file, parsed, mode, found);
  return render(found);
}

TEST(pooler_safety, session_advisory_locks_are_found_at_the_call) {
  const std::string out = hazards(
      "-- name: LockJob :one\n"
      "SELECT pg_advisory_lock($1), 1 AS ok;\n");
  EXPECT_NE(out.find("q.sql:2:8: error: breaks behind a transaction pooler: pg_advisory_lock"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("[SOONG030]"), std::string::npos) << out;
  EXPECT_NE(out.find("pg_advisory_xact_lock"), std::string::npos) << out;
}

TEST(pooler_safety, every_session_function_and_statement_kind_is_found) {
  for (const char* sql :
       {"SELECT pg_try_advisory_lock(1)", "SELECT pg_advisory_unlock_all()",
        "SELECT pg_catalog.pg_advisory_lock_shared(2)",
        "SELECT set_config('search_path', 'x', false)", "SET search_path = x", "RESET ALL",
        "LISTEN jobs", "UNLISTEN *", "PREPARE p AS SELECT 1", "DEALLOCATE ALL", "DISCARD ALL",
        "LOAD 'auto_explain'", "DECLARE c CURSOR WITH HOLD FOR SELECT 1",
        "CREATE TEMP TABLE t (n int)"}) {
    const std::string text = std::string("-- name: Q :exec\n") + sql + ";\n";
    EXPECT_NE(hazards(text).find("SOONG030"), std::string::npos) << sql;
  }
}

TEST(pooler_safety, transaction_scoped_forms_pass) {
  for (const char* sql :
       {"SELECT pg_advisory_xact_lock(1)", "SELECT set_config('search_path', 'x', true)",
        "SET LOCAL search_path = x", "CREATE TEMP TABLE t (n int) ON COMMIT DROP",
        "DECLARE c CURSOR FOR SELECT 1", "SELECT 1", "BEGIN"}) {
    const std::string text = std::string("-- name: Q :exec\n") + sql + ";\n";
    EXPECT_EQ(hazards(text), "") << sql;
  }
}

TEST(pooler_safety, statement_mode_also_refuses_transactions) {
  EXPECT_NE(
      hazards("-- name: Begin :exec\nBEGIN;\n", pooler_mode::statement).find("statement pooler"),
      std::string::npos);
}

TEST(pooler_safety, modes_by_name) {
  EXPECT_EQ(pooler_mode_to_check("transaction"), pooler_mode::transaction);
  EXPECT_EQ(pooler_mode_to_check("statement"), pooler_mode::statement);
  EXPECT_EQ(pooler_mode_to_check("session"), std::nullopt);
  EXPECT_EQ(pooler_mode_to_check("none"), std::nullopt);
}

}  // namespace
}  // namespace soong::gen
