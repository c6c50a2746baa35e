// Compile-and-run test: the code emitted for fixture_ir.cpp (written into the build tree at
// build time by write_fixture_code) is compiled into this binary and run against a real
// PostgreSQL from the test harness.

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <soong/error.hpp>
#include <soong/json.hpp>
#include <string>
#include <vector>

#include "live_schema.hpp"
#include "reports.sql.hpp"
#include "test_server.hpp"
#include "users/queries.sql.hpp"

namespace {

namespace db = fixture::db;
using namespace std::chrono_literals;

class emitted_code : public ::testing::Test {
 protected:
  void SetUp() override {
    conninfo_ = soong::testing::seeded_database(soong::gen::testing::live_schema_sql);
    conn_.emplace(conninfo_);
  }

  soong::connection& conn() { return *conn_; }

  // Only the NOT NULL columns without defaults set: every other column is NULL.
  std::int64_t create_minimal(std::string_view handle, db::mood mood) {
    const auto id = db::create_user(conn(), {.handle = handle, .mood = mood});
    EXPECT_TRUE(id.has_value());
    return id.value_or(-1);
  }

  std::string conninfo_;
  std::optional<soong::connection> conn_;
};

TEST_F(emitted_code, a_row_of_every_type_round_trips_through_the_table_struct) {
  const std::vector<std::byte> avatar{std::byte{0}, std::byte{0xff}};
  const std::optional<std::int64_t> id =
      db::create_user(conn(), {.handle = "ada",
                               .display_name = "Ada L.",
                               .mood = db::mood::very_happy,
                               .home = db::address{.street = "Main St", .zip = std::nullopt},
                               .score = soong::numeric("12.50"),
                               .avatar = avatar,
                               .tags = std::vector<std::string>{"x", "y"},
                               .prefs = nlohmann::json{{"dark", true}},
                               .class_ = "math",
                               .nick = "countess"});
  ASSERT_EQ(id, 1);
  soong::testing::run_sql(conninfo_,
                          "UPDATE users SET ratio = 2.5, born = '2024-02-29', wakes_at = "
                          "'07:30', seen_local = '2024-03-01 12:00:00.5', nap = '1 mon 2 days "
                          "00:00:03', lucky = '{7,NULL,9}', weight = 1.5 WHERE id = 1");

  const std::optional<db::user> u = db::get_user(conn(), 1);
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->id, 1);
  EXPECT_EQ(u->handle, "ada");
  EXPECT_EQ(u->display_name, "Ada L.");
  EXPECT_EQ(u->mood, db::mood::very_happy);
  ASSERT_TRUE(u->home.has_value());
  EXPECT_EQ(u->home->street, "Main St");
  EXPECT_EQ(u->home->zip, std::nullopt);
  EXPECT_EQ(u->score, soong::numeric("12.50"));
  EXPECT_EQ(u->ratio, 2.5);
  EXPECT_EQ(u->level, 1);
  EXPECT_TRUE(u->active);
  EXPECT_EQ(u->avatar, avatar);
  EXPECT_EQ(u->token.to_string(), "00000000-0000-0000-0000-000000000001");
  EXPECT_EQ(u->born, soong::date(std::chrono::year(2024) / 2 / 29));
  EXPECT_EQ(u->wakes_at, soong::time_of_day(7h + 30min));
  EXPECT_EQ(*u->wakes_at, 7h + 30min);  // a duration since midnight compares as the time it names
  EXPECT_LT(*u->wakes_at, 8h);
  EXPECT_EQ(u->wakes_at->hms().minutes(), 30min);
  EXPECT_EQ(u->seen_local,
            soong::local_timestamp(std::chrono::local_days(std::chrono::year(2024) / 3 / 1) + 12h +
                                   500ms));
  EXPECT_EQ(
      u->created_at,
      soong::timestamptz(std::chrono::sys_days(std::chrono::year(2024) / 1 / 2) + 3h + 4min + 5s));
  EXPECT_EQ(u->nap, (soong::interval{.months = 1, .days = 2, .time = 3s}));
  EXPECT_EQ(u->prefs, (nlohmann::json{{"dark", true}}));
  EXPECT_EQ(u->tags, (std::vector<std::optional<std::string>>{"x", "y"}));
  EXPECT_EQ(u->lucky, (std::vector<std::optional<std::int32_t>>{7, std::nullopt, 9}));
  EXPECT_EQ(u->nick, "countess");
  EXPECT_EQ(u->class_, "math");
  EXPECT_EQ(u->weight, 1.5f);
  EXPECT_EQ(u->n, 0);
}

TEST_F(emitted_code, nulls_arrive_as_empty_optionals) {
  const std::int64_t id = create_minimal("bob", db::mood::ok);
  const std::optional<db::user> u = db::get_user(conn(), id);
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->handle, "bob");
  EXPECT_FALSE(u->display_name.has_value());
  EXPECT_FALSE(u->home.has_value());
  EXPECT_FALSE(u->score.has_value());
  EXPECT_FALSE(u->avatar.has_value());
  EXPECT_FALSE(u->born.has_value());
  EXPECT_FALSE(u->nap.has_value());
  EXPECT_FALSE(u->prefs.has_value());
  EXPECT_FALSE(u->tags.has_value());
  EXPECT_FALSE(u->nick.has_value());
  EXPECT_FALSE(u->class_.has_value());

  // :one of a single nullable column: a one-field row, present when there is a row.
  const std::optional<db::get_home_row> home = db::get_home(conn(), id);
  ASSERT_TRUE(home.has_value());
  EXPECT_FALSE(home->home.has_value());
  EXPECT_FALSE(db::get_home(conn(), 999).has_value());
  EXPECT_FALSE(db::get_user(conn(), 999).has_value());
}

TEST_F(emitted_code, many_returns_rows_in_order_and_the_streaming_overload_sees_the_same_rows) {
  create_minimal("a", db::mood::sad);
  create_minimal("b", db::mood::happy);
  create_minimal("c", db::mood::happy);

  const std::vector<db::list_users_row> rows = db::list_users(conn());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].handle, "a");
  EXPECT_EQ(rows[2].mood, db::mood::happy);
  EXPECT_FALSE(rows[1].display_name.has_value());

  std::vector<std::string> streamed;
  db::list_users(conn(), [&](db::list_users_row&& row) { streamed.push_back(row.handle); });
  EXPECT_EQ(streamed, (std::vector<std::string>{"a", "b", "c"}));

  EXPECT_EQ(db::list_handles_by_mood(conn(), db::mood::happy),
            (std::vector<std::string>{"b", "c"}));
  std::size_t calls = 0;
  db::list_handles_by_mood(conn(), db::mood::ok, [&](std::string&&) { ++calls; });
  EXPECT_EQ(calls, 0u);
}

TEST_F(emitted_code, exec_commands_report_what_they_did) {
  create_minimal("a", db::mood::sad);
  create_minimal("b", db::mood::sad);

  EXPECT_EQ(db::set_mood(conn(), {.handle = "a", .mood = db::mood::ok}), 1);
  EXPECT_EQ(db::set_mood(conn(), {.handle = "nobody", .mood = db::mood::ok}), 0);
  EXPECT_EQ(db::list_handles_by_mood(conn(), db::mood::ok), (std::vector<std::string>{"a"}));

  const soong::result touched = db::touch_users(conn());
  EXPECT_EQ(touched.affected_rows(), 2u);
  EXPECT_EQ(touched.command_tag(), "UPDATE 2");

  db::delete_user(conn(), 1);
  EXPECT_FALSE(db::get_user(conn(), 1).has_value());
  EXPECT_EQ(db::get_user(conn(), 2)->level, 2);
}

TEST_F(emitted_code, json_variants_return_the_text_postgresql_builds) {
  EXPECT_EQ(db::list_handles_by_mood_json(conn(), db::mood::happy), "[]");
  EXPECT_EQ(db::count_by_mood_json(conn()), "[]");
  // A data-modifying :one with RETURNING (wrapped as a CTE, not a subquery).
  EXPECT_EQ(db::create_user_json(conn(), {.handle = "a", .mood = db::mood::happy}), R"({"id":1})");
  create_minimal("b", db::mood::happy);
  create_minimal("c", db::mood::sad);

  EXPECT_EQ(db::list_handles_by_mood_json(conn(), db::mood::happy),
            R"([{"handle":"a"},{"handle":"b"}])");
  EXPECT_EQ(db::count_by_mood_json(conn()),
            R"([{"mood":"sad","total":1},{"mood":"happy","total":2}])");
  EXPECT_EQ(db::get_home_json(conn(), 1), R"({"home":null})");
  EXPECT_EQ(db::get_home_json(conn(), 999), std::nullopt);
  EXPECT_EQ(db::rename_user_json(conn(), {.id = 2, .handle = "bee"}), R"({"id":2,"handle":"bee"})");
  EXPECT_EQ(db::rename_user(conn(), {.id = 3, .handle = "sea"})->handle, "sea");
}

TEST_F(emitted_code, structs_serialise_to_json_with_sql_names_and_back) {
  ASSERT_TRUE(db::create_user(conn(), {.handle = "a",
                                       .mood = db::mood::very_happy,
                                       .home = db::address{.street = "Elm", .zip = 12345},
                                       .class_ = "art"}));
  const db::user u = db::get_user(conn(), 1).value();
  const nlohmann::json j = u;
  EXPECT_EQ(j.at("class"), "art");
  EXPECT_EQ(j.at("mood"), "very happy");
  EXPECT_EQ(j.at("home"), (nlohmann::json{{"street", "Elm"}, {"zip", 12345}}));
  EXPECT_TRUE(j.at("born").is_null());
  EXPECT_EQ(j.at("token"), "00000000-0000-0000-0000-000000000001");

  const auto back = j.get<db::user>();
  EXPECT_EQ(nlohmann::json(back), j);

  // What PostgreSQL's row_to_json writes reads back into the generated row struct.
  create_minimal("b", db::mood::sad);
  const auto rows = nlohmann::json::parse(db::list_users_json(conn()));
  const auto parsed = rows.get<std::vector<db::list_users_row>>();
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[1].handle, "b");
  EXPECT_EQ(parsed[1].mood, db::mood::sad);
  EXPECT_EQ(parsed[0].display_name, std::nullopt);
}

TEST_F(emitted_code, keyword_and_clashing_parameter_names_are_escaped_and_nullable_filters_work) {
  ASSERT_TRUE(db::create_user(conn(), {.handle = "a", .mood = db::mood::ok, .class_ = "art"}));
  ASSERT_TRUE(db::create_user(conn(), {.handle = "b", .mood = db::mood::ok, .class_ = "art"}));
  soong::testing::run_sql(conninfo_, "UPDATE users SET n = 7 WHERE handle = 'b'");

  const auto all = db::find_by_class(conn(), {.class_ = "art", .conn_2 = std::nullopt});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].class_, "art");
  const auto seven = db::find_by_class(conn(), {.class_ = "art", .conn_2 = 7});
  ASSERT_EQ(seven.size(), 1u);
  EXPECT_EQ(seven[0].id, 2);
}

TEST_F(emitted_code, server_errors_name_the_query) {
  create_minimal("a", db::mood::ok);
  try {
    create_minimal("a", db::mood::ok);
    ADD_FAILURE() << "duplicate handle accepted";
  } catch (const soong::unique_violation& e) {
    EXPECT_EQ(e.query_name(), "CreateUser");
  }
  // The domain's CHECK runs: the parameter is sent as the domain type.
  EXPECT_THROW(
      static_cast<void>(db::create_user(conn(), {.handle = "z", .mood = db::mood::ok, .nick = ""})),
      soong::check_violation);
}

TEST(emitted_enum, converts_labels_both_ways) {
  static_assert(db::to_string(db::mood::very_happy) == "very happy");
  static_assert(db::mood_from_string("sad") == db::mood::sad);
  static_assert(!db::mood_from_string("glad").has_value());
  EXPECT_EQ(soong::enum_label(db::mood::ok), "ok");
}

}  // namespace
