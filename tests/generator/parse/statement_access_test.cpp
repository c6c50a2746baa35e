// The read-only classification, one row per kind of statement, and the `-- soong:route` and
// `-- soong:json` lines.

#include "parse/statement_access.hpp"

#include <gtest/gtest.h>

#include "parse/json_annotation.hpp"
#include "parse/route_annotation.hpp"
#include "parse_test_support.hpp"

namespace soong::gen {
namespace {

const std::set<std::string, std::less<>> volatile_user = {"bump_counter"};

statement_access classify(std::string_view sql) {
  const std::string text = std::string("-- name: Q :many\n") + std::string(sql) + ";\n";
  const testing::parse_outcome parsed = testing::parse_text(text);
  EXPECT_FALSE(parsed.diags.has_errors()) << parsed.rendered;
  if (parsed.file.statements.size() != 1) {
    ADD_FAILURE() << "expected one statement in " << sql;
    return {};
  }
  return classify_statement_access(parsed.file.statements.front().tree, volatile_user);
}

struct access_case {
  const char* sql;
  bool read_only;
  const char* reason;  // expected `statement_access::reason` (empty when read-only)
};

TEST(statement_access, classifies_each_kind_of_statement) {
  const access_case cases[] = {
      {"SELECT 1", true, ""},
      {"SELECT * FROM users WHERE id = $1", true, ""},
      {"VALUES (1), (2)", true, ""},
      {"SELECT a FROM t UNION ALL SELECT b FROM u", true, ""},
      {"WITH r AS (SELECT * FROM t) SELECT * FROM r", true, ""},
      {"SELECT now(), random(), pg_sleep(0)", true, ""},  // volatile, but builtin and harmless
      {"SELECT stable_user_fn(1)", true, ""},             // not in the volatile set
      {"SELECT EXISTS (SELECT 1 FROM t WHERE t.id = $1)", true, ""},
      {"INSERT INTO t (a) VALUES (1)", false, "INSERT"},
      {"UPDATE t SET a = 1", false, "UPDATE"},
      {"DELETE FROM t", false, "DELETE"},
      {"MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE", false, "MERGE"},
      {"WITH d AS (DELETE FROM t RETURNING *) SELECT count(*) FROM d", false, "DELETE"},
      {"WITH i AS (INSERT INTO t (a) VALUES (1) RETURNING a) SELECT a FROM i", false, "INSERT"},
      {"SELECT * FROM t FOR UPDATE", false, "a locking clause (FOR UPDATE/SHARE)"},
      {"SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED", false,
       "a locking clause (FOR UPDATE/SHARE)"},
      {"SELECT * FROM t FOR SHARE", false, "a locking clause (FOR UPDATE/SHARE)"},
      {"SELECT * FROM t FOR KEY SHARE", false, "a locking clause (FOR UPDATE/SHARE)"},
      {"SELECT * FROM (SELECT * FROM t FOR UPDATE) s", false,
       "a locking clause (FOR UPDATE/SHARE)"},
      {"SELECT nextval('s')", false, "nextval()"},
      {"SELECT pg_catalog.setval('s', 1)", false, "setval()"},
      {"SELECT pg_advisory_xact_lock(1)", false, "pg_advisory_xact_lock()"},
      {"SELECT pg_try_advisory_lock(1)", false, "pg_try_advisory_lock()"},
      {"SELECT txid_current()", false, "txid_current()"},
      {"SELECT pg_notify('c', 'x')", false, "pg_notify()"},
      {"SELECT bump_counter($1)", false, "volatile function bump_counter()"},
      {"SELECT * FROM t WHERE a IN (SELECT public.bump_counter(1))", false,
       "volatile function bump_counter()"},
      {"SELECT * INTO copy_of_t FROM t", false, "SELECT INTO"},
      {"CALL do_things()", false, "Call statement"},
      {"TRUNCATE t", false, "Truncate statement"},
  };
  for (const access_case& c : cases) {
    const statement_access got = classify(c.sql);
    EXPECT_EQ(got.read_only, c.read_only) << c.sql;
    EXPECT_EQ(got.reason, c.reason) << c.sql;
  }
}

TEST(statement_access, the_route_follows_the_classification_unless_overridden) {
  const statement_access reads{true, ""};
  const statement_access writes{false, "UPDATE"};
  EXPECT_EQ(effective_route(reads, std::nullopt), query_route::replica);
  EXPECT_EQ(effective_route(writes, std::nullopt), query_route::primary);
  EXPECT_EQ(effective_route(reads, query_route::primary), query_route::primary);
  EXPECT_EQ(effective_route(writes, query_route::replica), query_route::replica);
}

/// The route line of the only statement of `text`, with the rendered diagnostics.
std::pair<std::optional<route_annotation>, std::string> route_of(std::string_view text) {
  const source_file file("q.sql", std::string(text));
  diagnostics diags;
  const parsed_file parsed = parse_query_file(file, diags);
  EXPECT_EQ(parsed.statements.size(), 1U);
  std::optional<route_annotation> route;
  if (!parsed.statements.empty()) route = find_route_annotation(file, parsed.statements[0], diags);
  return {route, render(diags)};
}

TEST(route_annotation, reads_primary_and_replica_between_annotation_and_statement) {
  auto [replica, none] = route_of("-- name: Q :one\n-- soong:route replica\nSELECT 1;\n");
  ASSERT_TRUE(replica.has_value()) << none;
  EXPECT_EQ(replica->route, query_route::replica);
  EXPECT_EQ(none, "");
  auto [primary, quiet] = route_of(
      "-- name: Q :one\n-- reads its own writes\n--   soong:route   primary  \nSELECT 1;\n");
  ASSERT_TRUE(primary.has_value()) << quiet;
  EXPECT_EQ(primary->route, query_route::primary);
  auto [absent, nothing] = route_of("-- name: Q :one\nSELECT 1;\n");
  EXPECT_FALSE(absent.has_value());
  EXPECT_EQ(nothing, "");
}

TEST(route_annotation, a_bad_value_is_an_error_at_the_value) {
  auto [route, out] = route_of("-- name: Q :one\n-- soong:route standby\nSELECT 1;\n");
  EXPECT_FALSE(route.has_value());
  EXPECT_NE(out.find("q.sql:2:16: error: `-- soong:route` takes `primary` or `replica`"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("[SOONG001]"), std::string::npos) << out;
}

/// The json line of the only statement of `text`, with the rendered diagnostics.
std::pair<std::optional<bool>, std::string> json_of(std::string_view text) {
  const source_file file("q.sql", std::string(text));
  diagnostics diags;
  const parsed_file parsed = parse_query_file(file, diags);
  EXPECT_EQ(parsed.statements.size(), 1U);
  std::optional<bool> json;
  if (!parsed.statements.empty()) json = find_json_annotation(file, parsed.statements[0], diags);
  return {json, render(diags)};
}

TEST(json_annotation, reads_on_and_off_between_annotation_and_statement) {
  auto [on, quiet] =
      json_of("-- name: Q :one\n-- soong:json on\nINSERT INTO t VALUES (1) RETURNING 1;\n");
  EXPECT_EQ(on, std::optional<bool>(true)) << quiet;
  EXPECT_EQ(quiet, "");
  auto [off, none] =
      json_of("-- name: Q :one\n-- soong:route primary\n-- soong:json off\nSELECT 1;\n");
  EXPECT_EQ(off, std::optional<bool>(false)) << none;
  auto [absent, nothing] = json_of("-- name: Q :one\nSELECT 1;\n");
  EXPECT_FALSE(absent.has_value());
  EXPECT_EQ(nothing, "");
}

TEST(json_annotation, a_bad_value_or_a_second_line_is_an_error_at_the_value) {
  auto [json, out] = json_of("-- name: Q :one\n-- soong:json yes\nSELECT 1;\n");
  EXPECT_FALSE(json.has_value());
  EXPECT_NE(out.find("q.sql:2:15: error: `-- soong:json` takes `on` or `off`"), std::string::npos)
      << out;
  EXPECT_NE(out.find("[SOONG001]"), std::string::npos) << out;
  auto [first, twice] =
      json_of("-- name: Q :one\n-- soong:json on\n-- soong:json off\nSELECT 1;\n");
  EXPECT_EQ(first, std::optional<bool>(true));
  EXPECT_NE(twice.find("q.sql:3:15: error: a second `-- soong:json` line for the same query"),
            std::string::npos)
      << twice;
}

}  // namespace
}  // namespace soong::gen
