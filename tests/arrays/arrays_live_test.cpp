// Array parameters and array element nullability, on generated code run against PostgreSQL.
// Parameters: one convention for every array-like value (braced lists, containers, spans, and
// the row's own array columns passed back as they are). Results: elements are optional unless a
// validated CHECK constraint or an `AS "name[!]"` override proves them non-null, and a NULL
// element where none may be is soong::unexpected_null naming the query, never a default value.

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <soong/error.hpp>
#include <soong/execute.hpp>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "posts.sql.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {

namespace db = arrays::db;
using text_elements = std::vector<std::optional<std::string>>;

// Element nullability as generated.
static_assert(std::is_same_v<decltype(db::get_post_row::tags), text_elements>);
static_assert(std::is_same_v<decltype(db::get_post_row::scores),
                             std::optional<std::vector<std::int32_t>>>);  // CHECK-proven
static_assert(std::is_same_v<decltype(db::get_post_row::labels), std::vector<std::string>>);
static_assert(std::is_same_v<decltype(db::get_post_row::loose),
                             std::optional<std::vector<std::optional<std::int64_t>>>>);
static_assert(std::is_same_v<decltype(db::get_post_row::legacy),
                             std::optional<std::vector<std::optional<std::int32_t>>>>);
static_assert(std::is_same_v<decltype(db::tags_sure_row::tags), std::vector<std::string>>);
static_assert(std::is_same_v<decltype(db::tags_sure_row::scores), std::vector<std::int32_t>>);

// Parameters: views for single calls, owned containers for batch and COPY items.
static_assert(
    std::is_same_v<decltype(db::create_post_params::tags), soong::array_param<std::string>>);
static_assert(std::is_same_v<decltype(db::create_post_params::scores),
                             soong::optional_array_param<std::int32_t>>);
static_assert(std::is_same_v<decltype(db::copy_posts_params::tags), std::vector<std::string>>);
static_assert(
    std::is_same_v<decltype(db::copy_posts_params::scores), soong::optional_array<std::int32_t>>);

std::string read_schema() { return soong::testing::read_file(SOONG_ARRAYS_DIR "/schema.sql"); }

class arrays : public ::testing::Test {
 protected:
  void SetUp() override { conn_.emplace(soong::testing::seeded_database(read_schema())); }
  soong::connection& conn() { return *conn_; }

  std::int64_t create(const db::create_post_params& params) {
    return db::create_post(conn(), params);  // one VALUES row: proven to return its id
  }

 private:
  std::optional<soong::connection> conn_;
};

TEST_F(arrays, braced_lists_pass_as_array_parameters) {
  const std::int64_t id = create({.tags = {"a", "b"},
                                  .scores = {1, 2},
                                  .labels = {"x"},
                                  .moods = {db::mood::happy, std::nullopt}});
  const auto post = db::get_post(conn(), id);
  ASSERT_TRUE(post.has_value());
  EXPECT_EQ(post->tags, (text_elements{"a", "b"}));
  EXPECT_EQ(post->scores, (std::vector<std::int32_t>{1, 2}));
  EXPECT_EQ(post->labels, std::vector<std::string>{"x"});
  EXPECT_EQ(post->moods, (std::vector<std::optional<db::mood>>{db::mood::happy, std::nullopt}));

  // A single array parameter: a braced list straight in the call.
  EXPECT_EQ(db::posts_with_any_tag(conn(), {"b", "z"}), std::vector<std::int64_t>{id});
  EXPECT_TRUE(db::posts_with_any_tag(conn(), {"z"}).empty());
  EXPECT_TRUE(db::posts_with_any_tag(conn(), {}).empty());
}

TEST_F(arrays, nullable_array_parameters_take_nullopt_and_lists) {
  const std::int64_t id = create({.tags = {}, .scores = std::nullopt, .labels = {}, .moods = {}});
  auto post = db::get_post(conn(), id);
  ASSERT_TRUE(post.has_value());
  EXPECT_FALSE(post->scores.has_value());
  EXPECT_FALSE(post->moods.has_value());
  EXPECT_TRUE(post->tags.empty());

  db::set_scores(conn(), {.scores = {7}, .id = id});
  post = db::get_post(conn(), id);
  ASSERT_TRUE(post.has_value());
  EXPECT_EQ(post->scores, std::vector<std::int32_t>{7});

  db::set_scores(conn(), {.scores = std::nullopt, .id = id});
  EXPECT_FALSE(db::get_post(conn(), id)->scores.has_value());
}

TEST_F(arrays, containers_spans_and_row_columns_pass_without_conversion) {
  const std::vector<std::string> tags{"red", "green"};
  const std::int64_t first = create({.tags = tags, .scores = {}, .labels = tags, .moods = {}});
  const std::int64_t second = create({.tags = {"blue"}, .scores = {}, .labels = {}, .moods = {}});

  const std::array<std::int64_t, 2> ids{second, first};
  EXPECT_EQ(db::posts_by_ids(conn(), ids).size(), 2U);
  EXPECT_EQ(db::posts_by_ids(conn(), std::span<const std::int64_t>(ids).first(1)).size(), 1U);
  const std::vector<std::string_view> views{"green"};
  EXPECT_EQ(db::posts_with_any_tag(conn(), views), std::vector<std::int64_t>{first});

  // What a row holds for an array column goes back as a parameter as it is: optional
  // elements, proven-non-null elements, and a nullable array.
  const auto post = db::get_post(conn(), first);
  ASSERT_TRUE(post.has_value());
  EXPECT_EQ(db::posts_with_any_tag(conn(), post->tags), std::vector<std::int64_t>{first});
  EXPECT_EQ(db::posts_with_any_tag(conn(), post->labels), std::vector<std::int64_t>{first});
  db::set_scores(conn(), {.scores = post->scores, .id = second});
  EXPECT_FALSE(db::get_post(conn(), second)->scores.has_value());
  db::set_tags(conn(), {.id = second, .tags = post->tags});
  EXPECT_EQ(db::get_post(conn(), second)->tags, (text_elements{"red", "green"}));
}

TEST_F(arrays, batch_and_copy_items_own_their_arrays_and_take_braced_lists) {
  std::vector<db::add_posts_params> batch;
  batch.push_back({.tags = {"one"}, .scores = {1, 2}});
  batch.push_back({.tags = {}, .scores = std::nullopt});
  db::add_posts(conn(), batch);

  const std::vector<db::copy_posts_params> rows{
      {.tags = {"c"}, .labels = {"l"}, .scores = {3}},
      {.tags = {"d", "e"}, .labels = {}, .scores = std::nullopt},
  };
  EXPECT_EQ(db::copy_posts(conn(), rows), 2);

  const auto stored = db::posts_by_ids(conn(), {1, 2, 3, 4});
  ASSERT_EQ(stored.size(), 4U);
  EXPECT_EQ(stored[0].tags, text_elements{"one"});
  EXPECT_EQ(stored[3].tags, (text_elements{"d", "e"}));
  EXPECT_EQ(db::get_post(conn(), stored[0].id)->scores, (std::vector<std::int32_t>{1, 2}));
  EXPECT_FALSE(db::get_post(conn(), stored[1].id)->scores.has_value());
  EXPECT_EQ(db::get_post(conn(), stored[2].id)->labels, std::vector<std::string>{"l"});
}

TEST_F(arrays, null_elements_arrive_as_nullopt_where_elements_are_optional) {
  const std::int64_t id =
      create({.tags = {"a", std::nullopt}, .scores = {}, .labels = {}, .moods = {}});
  // The vacuous `NOT (NULL = ANY (loose))` lets a NULL element in. The NOT VALID constraint
  // proves nothing about rows from before it, such as one written while it was absent.
  (void)soong::execute_sql(conn(), "UPDATE posts SET loose = '{1,NULL}' WHERE id = $1", id);
  (void)soong::execute_sql(conn(), "ALTER TABLE posts DROP CONSTRAINT legacy_has_no_null_elements");
  (void)soong::execute_sql(conn(), "UPDATE posts SET legacy = '{NULL,2}' WHERE id = $1", id);
  const auto post = db::get_post(conn(), id);
  ASSERT_TRUE(post.has_value());
  EXPECT_EQ(post->tags, (text_elements{"a", std::nullopt}));
  EXPECT_EQ(post->loose, (std::vector<std::optional<std::int64_t>>{1, std::nullopt}));
  EXPECT_EQ(post->legacy, (std::vector<std::optional<std::int32_t>>{std::nullopt, 2}));
}

TEST_F(arrays, null_element_in_a_non_optional_position_is_an_error_naming_the_query) {
  const std::int64_t id = create({.tags = {"a"}, .scores = {5}, .labels = {}, .moods = {}});
  const auto sure = db::tags_sure(conn(), id);
  ASSERT_TRUE(sure.has_value());
  EXPECT_EQ(sure->tags, std::vector<std::string>{"a"});
  EXPECT_EQ(sure->scores, std::vector<std::int32_t>{5});

  // The override was wrong for this row.
  db::set_tags(conn(), {.id = id, .tags = {"a", std::nullopt}});
  try {
    (void)db::tags_sure(conn(), id);
    FAIL() << "a NULL element decoded as a plain std::string";
  } catch (const soong::unexpected_null& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("TagsSure"), std::string::npos) << message;
    EXPECT_NE(message.find("tags"), std::string::npos) << message;
    EXPECT_NE(message.find("element 2"), std::string::npos) << message;
  }
}

}  // namespace
