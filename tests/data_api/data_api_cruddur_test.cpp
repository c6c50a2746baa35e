// Cruddur's queries (sql/activities, sql/users) generated with TRANSPORTS libpq data_api: every
// query and every `_json` twin gives the same rows, and the same JSON text, over the Data API
// (the emulator) as over libpq, on Cruddur's schema and seed.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "activities/create.sql.hpp"
#include "activities/home.sql.hpp"
#include "activities/maintenance.sql.hpp"
#include "activities/object.sql.hpp"
#include "activities/user_activities.sql.hpp"
#include "cruddur_database.hpp"
#include "running_emulator.hpp"
#include "soong/data_api/client.hpp"
#include "soong/data_api/session.hpp"
#include "users/find.sql.hpp"

namespace {

using namespace std::chrono_literals;
namespace data_api = soong::data_api;
namespace db = cruddur_data_api::db;
using data_api_testing::running_emulator;

constexpr const char* cluster_arn = "arn:aws:rds:us-east-1:123456789012:cluster:cruddur";
constexpr const char* secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:c-AbCdEf";

class data_api_cruddur : public cruddur_test::cruddur_database {
 protected:
  void SetUp() override {
    server_ = std::make_unique<running_emulator>(
        running_emulator::options_for(conninfo_, cluster_arn, secret_arn));
    client_ = std::make_unique<data_api::client>(server_->client_config());
    session_ = std::make_unique<data_api::session>(*client_);
  }

  /// Every read query of Cruddur and its `_json` twin, over both transports.
  void expect_the_same_reads() {
    data_api::session& api = *session_;
    const std::vector<db::home_activities_row> home = db::home_activities(conn_);
    EXPECT_FALSE(home.empty());
    EXPECT_EQ(db::home_activities(api), home);
    EXPECT_EQ(db::home_activities_json(api), db::home_activities_json(conn_));
    for (const char* handle : {"andrewbrown", "bayko", "londo", "nobody", ""}) {
      EXPECT_EQ(db::user_activities(api, handle), db::user_activities(conn_, handle)) << handle;
      EXPECT_EQ(db::user_activities_json(api, handle), db::user_activities_json(conn_, handle))
          << handle;
    }
    for (const db::home_activities_row& row : home) {
      const std::optional<db::activity_object_row> object = db::activity_object(conn_, row.uuid);
      EXPECT_TRUE(object.has_value());
      EXPECT_EQ(db::activity_object(api, row.uuid), object);
      EXPECT_EQ(db::activity_object_json(api, row.uuid), db::activity_object_json(conn_, row.uuid));
    }
    const soong::uuid missing = soong::uuid::parse("00000000-0000-0000-0000-000000000000");
    EXPECT_EQ(db::activity_object(api, missing), std::nullopt);
    EXPECT_EQ(db::activity_object_json(api, missing), std::nullopt);
    for (const char* cognito : {"cognito-andrew", "cognito-bayko", "cognito-londo", "none"}) {
      EXPECT_EQ(db::find_user_by_cognito_id(api, cognito),
                db::find_user_by_cognito_id(conn_, cognito))
          << cognito;
      EXPECT_EQ(db::find_user_by_cognito_id_json(api, cognito),
                db::find_user_by_cognito_id_json(conn_, cognito))
          << cognito;
    }
  }

  std::unique_ptr<running_emulator> server_;
  std::unique_ptr<data_api::client> client_;
  std::unique_ptr<data_api::session> session_;
};

TEST_F(data_api_cruddur, the_seed_reads_the_same_over_both_transports) {
  expect_the_same_reads();
  EXPECT_GT(server_->count_starting_with("Execute 200"), 20U);
  EXPECT_EQ(server_->count_starting_with("Execute 4"), 0U);
}

TEST_F(data_api_cruddur, writes_over_the_data_api_read_back_the_same) {
  data_api::session& api = *session_;
  const soong::local_timestamp expires{std::chrono::local_days{std::chrono::year{2031} / 1 / 2} +
                                       3h + 4min + 5s + 678901us};
  const std::optional<soong::uuid> created =
      db::create_activity(api, {.handle = "bayko",
                                .message = "over the Data API 'quoted' $$ :handle",
                                .expires_at = expires});
  ASSERT_TRUE(created.has_value());
  const std::optional<db::activity_object_row> stored = db::activity_object(conn_, *created);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->handle, "bayko");
  EXPECT_EQ(stored->message, "over the Data API 'quoted' $$ :handle");
  EXPECT_EQ(stored->expires_at, expires);

  // The writing query's `_json` twin (-- soong:json on): the same object as libpq's for the row
  // each of them made, the uuid aside.
  const std::optional<std::string> api_json =
      db::create_activity_json(api, {.handle = "londo", .message = "twin", .expires_at = {}});
  const std::optional<std::string> libpq_json =
      db::create_activity_json(conn_, {.handle = "londo", .message = "twin", .expires_at = {}});
  ASSERT_TRUE(api_json.has_value() && libpq_json.has_value());
  nlohmann::json api_object = nlohmann::json::parse(*api_json);
  nlohmann::json libpq_object = nlohmann::json::parse(*libpq_json);
  ASSERT_TRUE(api_object.contains("uuid") && libpq_object.contains("uuid")) << *api_json;
  const soong::uuid api_uuid = soong::uuid::parse(api_object.at("uuid").get<std::string>());
  EXPECT_EQ(db::activity_object(conn_, api_uuid)->message, "twin");
  api_object.erase("uuid");
  libpq_object.erase("uuid");
  EXPECT_EQ(api_object, libpq_object);
  // A handle nobody has: no user, so NULL for a NOT NULL column on both transports.
  EXPECT_THROW(static_cast<void>(db::create_activity(
                   api, {.handle = "nobody", .message = "x", .expires_at = {}})),
               soong::not_null_violation);

  // :copyfrom is BatchExecute of its INSERT over the Data API.
  const soong::uuid bayko = db::find_user_by_cognito_id(conn_, "cognito-bayko")->uuid;
  const std::vector<db::import_activities_params> imported = {
      {.user_uuid = bayko, .message = "imported 1", .expires_at = expires, .created_at = expires},
      {.user_uuid = bayko,
       .message = "imported 2",
       .expires_at = std::nullopt,
       .created_at = expires + 1us}};
  EXPECT_EQ(db::import_activities(api, imported), 2);

  expect_the_same_reads();

  // :execrows: the same count over both transports, each in a transaction rolled back.
  const soong::local_timestamp later{std::chrono::local_days{std::chrono::year{2040} / 1 / 1}};
  std::int64_t over_libpq = 0;
  {
    soong::transaction tx(conn_);
    over_libpq = db::delete_expired_activities(conn_, later);
  }
  std::int64_t over_api = 0;
  {
    data_api::transaction tx(*client_);
    data_api::session in_tx(tx);
    over_api = db::delete_expired_activities(in_tx, later);
  }
  EXPECT_EQ(over_api, over_libpq);
  EXPECT_EQ(over_api, 5);  // the three of the seed, and two of those made here
}

}  // namespace
