// The profile and operations handlers against a real PostgreSQL: update_profile
// (FindUserByCognitoId and the generated update_users), delete_expired_activities (:execrows)
// and import_activities (:copyfrom).
#include <nlohmann/json.hpp>

#include "cruddur/maintenance.hpp"
#include "cruddur/update_profile.hpp"
#include "cruddur_database.hpp"

namespace {

using cruddur_test::count_rows;
using cruddur_test::cruddur_database;

std::string bio_of(soong::connection& conn, const char* handle) {
  const auto r =
      soong::execute_sql(conn, "SELECT coalesce(bio, '<null>') FROM users WHERE handle = $1",
                         std::string_view(handle));
  return r.get<std::string>(0, 0);
}

TEST_F(cruddur_database, update_profile_sets_and_clears_the_bio) {
  const auto set = cruddur::api::update_profile(conn_, "cognito-bayko", "Writes C++ now");
  EXPECT_EQ(set.status, 200);
  const auto user = nlohmann::json::parse(set.body);
  EXPECT_EQ(user["handle"], "bayko");
  EXPECT_EQ(user["bio"], "Writes C++ now");
  EXPECT_EQ(bio_of(conn_, "bayko"), "Writes C++ now");
  EXPECT_EQ(bio_of(conn_, "londo"), "Ambassador");  // nobody else touched

  const auto cleared = cruddur::api::update_profile(conn_, "cognito-bayko", std::nullopt);
  EXPECT_EQ(cleared.status, 200);
  EXPECT_TRUE(nlohmann::json::parse(cleared.body)["bio"].is_null());
  EXPECT_EQ(bio_of(conn_, "bayko"), "<null>");
}

TEST_F(cruddur_database, update_profile_of_an_unknown_or_blank_user_is_a_named_error) {
  const auto unknown = cruddur::api::update_profile(conn_, "cognito-nobody", "x");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(nlohmann::json::parse(unknown.body), (nlohmann::json{{"errors", {"user_not_found"}}}));
  const auto blank = cruddur::api::update_profile(conn_, "", "x");
  EXPECT_EQ(blank.status, 422);
}

TEST_F(cruddur_database, delete_expired_removes_exactly_the_expired_ones) {
  // seed.sql: the activities expire in 1, 3 and 10 days.
  const auto now = std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::local_days{std::chrono::year{2000} / 1 / 1});
  EXPECT_EQ(cruddur::api::delete_expired_activities(conn_, now), 0);
  soong::execute_script(conn_,
                        "UPDATE activities SET expires_at = now() - interval '1 hour' "
                        "WHERE message = 'I am the other Andrew.'");
  const soong::local_timestamp server_now =
      soong::execute_sql(conn_, "SELECT localtimestamp::timestamp")
          .get<soong::local_timestamp>(0, 0);
  EXPECT_EQ(cruddur::api::delete_expired_activities(conn_, server_now), 1);
  EXPECT_EQ(count_rows(conn_, "activities"), 2);
}

TEST_F(cruddur_database, import_copies_all_rows_or_none) {
  const std::string andrew =
      soong::execute_sql(conn_, "SELECT uuid::text FROM users WHERE handle = 'andrewbrown'")
          .get<std::string>(0, 0);
  nlohmann::json items = nlohmann::json::array();
  for (int i = 0; i < 500; ++i) {
    items.push_back({{"user_uuid", andrew},
                     {"message", "imported " + std::to_string(i) + " 'quoted' \\ ünïcode"},
                     {"created_at", "2026-01-02T03:04:05"},
                     {"expires_at", i % 2 == 0 ? nlohmann::json(nullptr)
                                               : nlohmann::json("2030-01-01T00:00:00")}});
  }
  EXPECT_EQ(cruddur::api::import_activities(conn_, items), 500);
  EXPECT_EQ(count_rows(conn_, "activities"), 503);
  EXPECT_EQ(count_rows(conn_, "activities WHERE expires_at IS NULL"), 250);
  EXPECT_EQ(count_rows(conn_, "activities WHERE message = 'imported 7 ''quoted'' \\ ünïcode'"), 1);

  // One row with an unknown user: the foreign key refuses it and nothing is imported.
  items[250]["user_uuid"] = "00000000-0000-0000-0000-000000000000";
  EXPECT_THROW((void)cruddur::api::import_activities(conn_, items), soong::foreign_key_violation);
  EXPECT_EQ(count_rows(conn_, "activities"), 503);
}

}  // namespace
