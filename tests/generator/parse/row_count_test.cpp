// The exactly-one-row proof on parse trees: each proven shape, and next to it the change that
// makes it unprovable. The INSERT target's check is a stand-in table list here; the oracle's
// reading of triggers and rules is covered by tests/golden/exactly_one_row.

#include "parse/row_count.hpp"

#include <gtest/gtest.h>

#include <string>

#include "parse_test_support.hpp"

namespace soong::gen {
namespace {

catalog_facts facts() {
  catalog_facts out;
  out.add_function("count", false, false, false);
  out.add_function("sum", false, false, false);
  out.add_function("upper", true, false, false);
  out.add_function("generate_series", true, true, false);
  out.add_function("row_number", false, false, false);
  out.aggregates = {"count", "sum"};
  return out;
}

bool proven(std::string_view sql) {
  const std::string text = std::string("-- name: Q :one\n") + std::string(sql) + ";\n";
  const testing::parse_outcome parsed = testing::parse_text(text);
  EXPECT_FALSE(parsed.diags.has_errors()) << parsed.rendered;
  if (parsed.file.statements.size() != 1) {
    ADD_FAILURE() << "expected one statement in " << sql;
    return false;
  }
  const auto keeps_row = [](std::string_view schema, std::string_view table) {
    return table == "plain" && (schema.empty() || schema == "public");
  };
  return yields_exactly_one_row(parsed.file.statements.front().tree, facts(), keeps_row);
}

struct row_case {
  const char* sql;
  bool exactly_one;
};

TEST(row_count, proves_only_the_listed_shapes) {
  const row_case cases[] = {
      {"SELECT 1", true},
      {"SELECT $1::int AS a, upper($2) AS b", true},
      {"SELECT EXISTS (SELECT FROM t WHERE id = $1)", true},
      {"SELECT (SELECT generate_series(1, 3) LIMIT 1)", true},  // a subquery's rows are its own
      {"WITH x AS (SELECT 1) SELECT 2", true},
      {"SELECT 1 LIMIT 1", true},
      {"SELECT 1 WHERE $1", false},
      {"SELECT 1 HAVING true", false},
      {"SELECT 1 LIMIT 0", false},
      {"SELECT 1 LIMIT $1", false},
      {"SELECT 1 OFFSET 1", false},
      {"SELECT 1 UNION ALL SELECT 2", false},
      {"VALUES (1)", false},
      {"SELECT generate_series(1, 3)", false},
      {"SELECT unknown_function()", false},
      {"SELECT count(*) FROM t WHERE a = $1", true},
      {"SELECT count(*), sum(a) FROM t", true},
      {"SELECT count(*) + 1 AS n FROM t", true},
      {"SELECT count(*) FROM t LIMIT 5", true},
      {"SELECT a FROM t", false},
      {"SELECT count(*) FROM t GROUP BY a", false},
      {"SELECT count(*) FROM t HAVING count(*) > 1", false},
      {"SELECT count(*) OVER () FROM t", false},
      {"SELECT row_number() OVER () FROM t", false},
      {"SELECT count(*), generate_series(1, 2) FROM t", false},
      {"SELECT (SELECT count(*) FROM u) FROM t", false},  // the aggregate is the subquery's
      {"SELECT count(*) FROM t OFFSET 1", false},
      {"INSERT INTO plain (a) VALUES ($1) RETURNING a", true},
      {"INSERT INTO public.plain (a) VALUES ($1) RETURNING a", true},
      {"INSERT INTO plain DEFAULT VALUES RETURNING a", true},
      {"INSERT INTO plain (a) VALUES ($1) ON CONFLICT (a) DO UPDATE SET b = 1 RETURNING a", true},
      {"WITH x AS (SELECT 1) INSERT INTO plain (a) VALUES ($1) RETURNING a", true},
      {"INSERT INTO plain (a) VALUES ($1)", false},
      {"INSERT INTO plain (a) VALUES ($1), ($2) RETURNING a", false},
      {"INSERT INTO plain (a) SELECT $1 RETURNING a", false},
      {"INSERT INTO plain (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING a", false},
      {"INSERT INTO plain (a) VALUES ($1) ON CONFLICT (a) DO UPDATE SET b = 1 WHERE false "
       "RETURNING a",
       false},
      {"INSERT INTO triggered (a) VALUES ($1) RETURNING a", false},
      {"INSERT INTO other.plain (a) VALUES ($1) RETURNING a", false},
      {"UPDATE plain SET a = 1 RETURNING a", false},
      {"DELETE FROM plain RETURNING a", false},
  };
  for (const row_case& c : cases) EXPECT_EQ(proven(c.sql), c.exactly_one) << c.sql;
}

}  // namespace
}  // namespace soong::gen
