// Soundness on a real PostgreSQL: the blog schema of nullability_fixture.cpp is created with
// data that puts NULL wherever the schema allows it (rows without matches for every outer
// join, NULL in every nullable column); every parameterless case and every case with
// arguments (NULL for its nullable parameters) is run, and no column the analysis calls
// non-null may ever hold a NULL. The described column count must also match
// the case table, so the unit tests' expectations describe the real statements.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "nullability/nullability.hpp"
#include "nullability_cases.hpp"
#include "nullability_fixture.hpp"
#include "test_server.hpp"

namespace soong::gen {
namespace {

constexpr const char* blog_schema = R"sql(
CREATE TABLE users (id bigint PRIMARY KEY, handle text NOT NULL, display_name text, bio text,
                    created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint NOT NULL, title text, body text NOT NULL,
                    published_at timestamptz);
CREATE TABLE comments (id bigint PRIMARY KEY, post_id bigint NOT NULL, author_id bigint,
                       text text NOT NULL);
CREATE TABLE tags (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE post_tags (post_id bigint NOT NULL, tag_id bigint NOT NULL);
CREATE TABLE tag_aliases (id bigint NOT NULL, name text, alias text NOT NULL);
CREATE TABLE events (id bigint NOT NULL, note text, payload jsonb NOT NULL);
CREATE SCHEMA audit;
CREATE TABLE audit.events (id bigint NOT NULL, note text NOT NULL);
CREATE TABLE drafts (id bigint PRIMARY KEY, title text,
                     slug text GENERATED ALWAYS AS (lower(title)) STORED);
CREATE VIEW user_posts AS SELECT u.id AS user_id, u.handle, p.id AS post_id, p.title
  FROM users u LEFT JOIN posts p ON p.user_id = u.id;
CREATE VIEW active_users AS SELECT id, handle, bio FROM users WHERE bio IS NOT NULL;
CREATE VIEW view_of_view AS SELECT handle, post_id FROM user_posts;
CREATE FUNCTION my_strict_fn(bigint) RETURNS bigint STRICT LANGUAGE sql AS 'SELECT NULL::bigint';
CREATE FUNCTION my_lax_fn(bigint) RETURNS bigint LANGUAGE sql AS 'SELECT NULL::bigint';
CREATE FUNCTION mixed_fn(bigint) RETURNS bigint STRICT LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION mixed_fn(text) RETURNS bigint LANGUAGE sql AS 'SELECT NULL::bigint';
CREATE FUNCTION label_of(h text, n bigint) RETURNS text LANGUAGE sql AS 'SELECT h || ''#'' || n';
CREATE FUNCTION or_zero(bigint) RETURNS bigint LANGUAGE sql AS 'SELECT coalesce($1, 0)';
CREATE FUNCTION strict_or_zero(bigint) RETURNS bigint STRICT LANGUAGE sql
  AS 'SELECT coalesce($1, 0)';
CREATE FUNCTION first_post_id() RETURNS bigint LANGUAGE sql
  AS 'SELECT id FROM posts ORDER BY id LIMIT 1';
CREATE FUNCTION trgm_or_null(text) RETURNS text[] STRICT LANGUAGE plpgsql
  AS 'BEGIN RETURN NULL; END';
CREATE SEQUENCE post_ids;
CREATE EXTENSION "uuid-ossp";
CREATE EXTENSION pgcrypto;
CREATE EXTENSION pg_trgm;

INSERT INTO users VALUES (1, 'ann', NULL, NULL), (2, 'bob', 'Bob', 'hi'), (3, 'cy', NULL, 'yo'),
                         (5, 'eve', NULL, NULL);
-- post 1 and 5 share ids with users (USING (id) joins); user 2 and 3 have no posts; post 7's
-- author does not exist (RIGHT JOIN); post 9 has no comments.
INSERT INTO posts VALUES (1, 1, NULL, 'first', NULL), (5, 1, 'T', 'second', now()),
                         (7, 42, NULL, 'orphan', NULL), (9, 5, NULL, 'quiet', NULL);
INSERT INTO comments VALUES (1, 1, NULL, 'anon'), (2, 1, 2, 'bob says'), (3, 5, 3, 'cy says'),
                            (4, 77, NULL, 'lost');
INSERT INTO tags VALUES (1, 'x'), (2, 'y'), (4, 'w');
INSERT INTO post_tags VALUES (1, 1), (5, 2);
INSERT INTO tag_aliases VALUES (1, NULL, 'al'), (3, 'z', 'zz'), (4, 'w', 'ww');
INSERT INTO events VALUES (1, NULL, '{"a": 1}');
INSERT INTO audit.events VALUES (1, 'n');
INSERT INTO drafts (id, title) VALUES (1, 'A'), (2, NULL);
)sql";

// Cases whose SQL refers to objects that deliberately do not exist.
const std::set<std::string> cases_that_do_not_prepare{"unknown_table", "unknown_function"};

using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

TEST(nullability_live, no_non_null_column_ever_holds_null) {
  const std::string db = soong::testing::fresh_database();
  soong::testing::run_sql(db, blog_schema);
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(db.c_str()), &PQfinish);
  ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());

  int executed = 0;
  int non_null_verdicts = 0;
  std::set<std::string> failed_to_run;
  for (const auto& c : testing::nullability_cases()) {
    if (!c.params.empty() && c.args.empty()) continue;
    ASSERT_EQ(c.args.size(), c.params.size()) << c.title << ": one argument per parameter";
    std::vector<const char*> values;
    for (std::size_t i = 0; i < c.args.size(); ++i) {
      // NULL only where the generated code would accept one.
      if (!c.args[i]) {
        EXPECT_TRUE(c.params[i].nullable) << c.title << ": NULL for $" << i + 1;
      }
      values.push_back(c.args[i] ? c.args[i]->c_str() : nullptr);
    }
    // Statements that modify data run in a transaction that is rolled back.
    result_ptr begin(PQexec(conn.get(), "BEGIN"), &PQclear);
    result_ptr result(PQexecParams(conn.get(), c.sql.c_str(), static_cast<int>(values.size()),
                                   nullptr, values.data(), nullptr, nullptr, 0),
                      &PQclear);
    const auto status = PQresultStatus(result.get());
    result_ptr rollback(PQexec(conn.get(), "ROLLBACK"), &PQclear);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      if (cases_that_do_not_prepare.count(c.title) == 0) {
        ADD_FAILURE() << c.title << ": " << PQresultErrorMessage(result.get());
      }
      failed_to_run.insert(c.title);
      continue;
    }
    ++executed;
    ASSERT_EQ(static_cast<std::size_t>(PQnfields(result.get())), c.columns.size()) << c.title;

    nullability_input input;
    input.statement = testing::parse_statement(c.sql);
    input.param_count = static_cast<int>(c.params.size());
    input.nullable_params = c.narg;
    for (int i = 0; i < PQnfields(result.get()); ++i) {
      input.columns.push_back({PQfname(result.get(), i), std::nullopt});
    }
    input.parse = [](std::string_view text) { return testing::parse_statement(text); };
    const nullability_result inferred = infer_nullability(input, testing::blog_catalog());
    for (int column = 0; column < PQnfields(result.get()); ++column) {
      const auto& verdict = inferred.columns[static_cast<std::size_t>(column)];
      if (verdict.nullable) continue;
      ++non_null_verdicts;
      for (int row = 0; row < PQntuples(result.get()); ++row) {
        EXPECT_FALSE(PQgetisnull(result.get(), row, column))
            << c.title << ": column " << column << " (" << PQfname(result.get(), column)
            << ") is NULL in row " << row << " but inferred non-null: " << verdict.reason;
      }
    }
  }
  std::cout << "nullability_live: " << executed << " statements run, " << non_null_verdicts
            << " non-null verdicts checked against the data\n";
  EXPECT_EQ(failed_to_run, cases_that_do_not_prepare);
  EXPECT_GE(executed, 100);
  EXPECT_GE(non_null_verdicts, 100);
}

}  // namespace
}  // namespace soong::gen
