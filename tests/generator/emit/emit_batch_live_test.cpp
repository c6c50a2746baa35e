// Compile-and-run test of the emitted :batchexec, :batchone, :batchmany and :copyfrom functions
// (built only when the runtime has soong/pipeline.hpp and soong/copy.hpp).

#include <gtest/gtest.h>

#include <optional>
#include <soong/error.hpp>
#include <string>
#include <vector>

#include "batch.sql.hpp"
#include "live_schema.hpp"
#include "test_server.hpp"
#include "users/queries.sql.hpp"

namespace {

namespace db = fixture::db;

class emitted_batches : public ::testing::Test {
 protected:
  void SetUp() override {
    conninfo_ = soong::testing::seeded_database(soong::gen::testing::live_schema_sql);
    conn_.emplace(conninfo_);
  }
  soong::connection& conn() { return *conn_; }

  std::string conninfo_;
  std::optional<soong::connection> conn_;
};

TEST_F(emitted_batches, batch_functions_run_once_per_item_and_keep_item_order) {
  const std::vector<db::insert_users_params> users{{.handle = "a", .mood = db::mood::ok},
                                                   {.handle = "b", .mood = db::mood::sad},
                                                   {.handle = "c", .mood = db::mood::ok}};
  db::insert_users(conn(), users);
  EXPECT_EQ(db::list_handles_by_mood(conn(), db::mood::ok), (std::vector<std::string>{"a", "c"}));

  const std::vector<std::int64_t> ids{3, 999, 1};
  EXPECT_EQ(db::get_handle(conn(), ids),
            (std::vector<std::optional<std::string>>{"c", std::nullopt, "a"}));

  const std::vector<db::mood> moods{db::mood::ok, db::mood::happy, db::mood::sad};
  const std::vector<std::vector<db::users_with_mood_row>> by_mood =
      db::users_with_mood(conn(), moods);
  ASSERT_EQ(by_mood.size(), 3u);
  ASSERT_EQ(by_mood[0].size(), 2u);
  EXPECT_EQ(by_mood[0][1].handle, "c");
  EXPECT_TRUE(by_mood[1].empty());
  ASSERT_EQ(by_mood[2].size(), 1u);
  EXPECT_EQ(by_mood[2][0].id, 2);
}

TEST_F(emitted_batches, a_failing_item_names_the_query_and_its_index_and_keeps_its_class) {
  const std::vector<db::insert_users_params> users{{.handle = "a", .mood = db::mood::ok},
                                                   {.handle = "a", .mood = db::mood::sad}};
  try {
    db::insert_users(conn(), users);
    ADD_FAILURE() << "duplicate handle accepted";
  } catch (const soong::unique_violation& e) {  // as from a single statement
    EXPECT_EQ(e.batch_index(), 1u);
    EXPECT_EQ(e.query_name(), "InsertUsers");
    EXPECT_EQ(e.sqlstate(), "23505");
  }
}

TEST_F(emitted_batches, copy_from_inserts_every_item) {
  const std::vector<db::copy_users_params> users{
      {.handle = "x", .mood = db::mood::happy, .score = soong::numeric("1.5")},
      {.handle = "y", .mood = db::mood::very_happy, .score = std::nullopt}};
  EXPECT_EQ(db::copy_users(conn(), users), 2);
  const std::optional<db::user> y = db::get_user(conn(), 2);
  ASSERT_TRUE(y.has_value());
  EXPECT_EQ(y->handle, "y");
  EXPECT_EQ(y->mood, db::mood::very_happy);
  EXPECT_FALSE(y->score.has_value());
  EXPECT_EQ(db::get_user(conn(), 1)->score, soong::numeric("1.5"));
}

}  // namespace
