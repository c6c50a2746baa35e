// Which CHECK constraint expressions (as pg_get_expr prints them) prove an array column free of
// NULL elements. The live side (tests/arrays) checks the generated types and the server's view.

#include "nullability/array_element_checks.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace soong::gen {
namespace {

using names = std::set<std::string>;

names proven(std::string_view expression, const catalog_facts& facts = {}) {
  return columns_without_null_elements(expression, facts);
}

TEST(array_element_checks, array_position_of_null_is_null_proves_the_column) {
  EXPECT_EQ(proven("(array_position(tags, NULL::text) IS NULL)"), names{"tags"});
  EXPECT_EQ(proven("(array_position(\"Big\", NULL::character varying) IS NULL)"), names{"Big"});
  EXPECT_EQ(proven("(pg_catalog.array_position(tags, NULL) IS NULL)"), names{"tags"});
}

TEST(array_element_checks, array_remove_forms_prove_the_column_either_way_round) {
  EXPECT_EQ(proven("(k = array_remove(k, NULL::integer))"), names{"k"});
  EXPECT_EQ(proven("(array_remove(k, NULL::integer) = k)"), names{"k"});
  EXPECT_EQ(proven("(cardinality(array_remove(m, NULL::integer)) = cardinality(m))"), names{"m"});
  EXPECT_EQ(proven("(cardinality(m) = cardinality(array_remove(m, NULL::integer)))"), names{"m"});
}

TEST(array_element_checks, every_conjunct_of_an_and_counts) {
  EXPECT_EQ(proven("((array_position(a, NULL::text) IS NULL) AND (cardinality(b) > 0) AND "
                   "(b = array_remove(b, NULL::text)))"),
            (names{"a", "b"}));
}

TEST(array_element_checks, look_alikes_prove_nothing) {
  // NULL = ANY (x) is NULL for every non-empty array, and a CHECK passes on NULL.
  EXPECT_EQ(proven("(NOT (NULL::integer = ANY (n)))"), names{});
  EXPECT_EQ(proven("(array_position(tags, NULL::text) IS NOT NULL)"), names{});
  EXPECT_EQ(proven("(array_position(tags, 'x'::text) IS NULL)"), names{});
  EXPECT_EQ(proven("((array_position(a, NULL::text) IS NULL) OR (a IS NULL))"), names{});
  EXPECT_EQ(proven("(k = array_remove(j, NULL::integer))"), names{});
  EXPECT_EQ(proven("(cardinality(array_remove(m, NULL::integer)) = cardinality(n))"), names{});
  EXPECT_EQ(proven("(app.array_position(tags, NULL::text) IS NULL)"), names{});
  EXPECT_EQ(proven("(array_position(t.tags, NULL::text) IS NULL)"), names{});
  EXPECT_EQ(proven("not sql at all ("), names{});
}

TEST(array_element_checks, a_user_function_shadowing_the_builtin_is_not_trusted) {
  catalog_facts facts;
  facts.functions["array_position"].user_defined = true;
  EXPECT_EQ(proven("(array_position(tags, NULL::text) IS NULL)", facts), names{});
  EXPECT_EQ(proven("(k = array_remove(k, NULL::integer))", facts), names{"k"});
}

}  // namespace
}  // namespace soong::gen
