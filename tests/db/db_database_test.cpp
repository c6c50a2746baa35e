// `soong db create / drop / sessions / kill` and the production guard, run as the real
// executable against the test cluster.

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "db_test_support.hpp"

namespace {

using namespace soong::testing;
using namespace soong::testing::db;

TEST(db_create, creates_the_database_and_refuses_an_existing_one) {
  const std::string name = unique_name("created");
  const command_result created = soong_db_on(name, "create");
  EXPECT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(created.out, "created database \"" + name + "\"\n");
  EXPECT_TRUE(database_exists(name));

  const command_result again = soong_db_on(name, "create");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;

  const command_result tolerated = soong_db_on(name, "create --if-not-exists --format json");
  EXPECT_EQ(tolerated.exit_code, 0) << tolerated.err;
  const auto line = nlohmann::json::parse(tolerated.out);
  EXPECT_EQ(line.at("action"), "create");
  EXPECT_EQ(line.at("database"), name);
  EXPECT_EQ(line.at("created"), false);
}

TEST(db_drop, drops_the_database) {
  const std::string name = fresh_database_name();
  const command_result dropped = soong_db_on(name, "drop");
  EXPECT_EQ(dropped.exit_code, 0) << dropped.err;
  EXPECT_EQ(dropped.out, "dropped database \"" + name + "\"\n");
  EXPECT_FALSE(database_exists(name));

  const command_result missing = soong_db_on(name, "drop");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("does not exist"), std::string::npos) << missing.err;
  EXPECT_EQ(soong_db_on(name, "drop --if-exists").exit_code, 0);
}

TEST(db_drop, lists_the_sessions_that_block_it_and_keeps_the_database) {
  const std::string name = fresh_database_name();
  const open_session holder(name, "holder_app");
  const command_result refused = soong_db_on(name, "drop");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("pid " + std::to_string(holder.pid())), std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("holder_app"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("user postgres"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("client local"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
  EXPECT_TRUE(database_exists(name));
  EXPECT_TRUE(holder.alive());
}

TEST(db_drop, force_ends_the_sessions_and_drops) {
  const std::string name = fresh_database_name();
  const open_session holder(name, "holder_app");
  const command_result dropped = soong_db_on(name, "drop --force");
  EXPECT_EQ(dropped.exit_code, 0) << dropped.err;
  EXPECT_FALSE(database_exists(name));
  EXPECT_FALSE(holder.alive());
}

TEST(db_sessions, lists_the_other_sessions_of_the_target_database_only) {
  const std::string name = fresh_database_name();
  const std::string other = fresh_database_name();
  const open_session holder(name, "holder_app");
  const open_session bystander(other, "bystander_app");
  ASSERT_TRUE(holder.alive());  // its last query: SELECT 1
  const command_result listed = soong_db_on(name, "sessions --format json");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto document = nlohmann::json::parse(listed.out);
  EXPECT_EQ(document.at("database"), name);
  // Exactly the holder: neither soong's own session nor the other database's.
  ASSERT_EQ(document.at("sessions").size(), 1U) << listed.out;
  const auto& session = document.at("sessions").at(0);
  EXPECT_EQ(session.at("pid"), holder.pid());
  EXPECT_EQ(session.at("application"), "holder_app");
  EXPECT_EQ(session.at("user"), "postgres");
  EXPECT_EQ(session.at("client"), "local");
  EXPECT_EQ(session.at("state"), "idle");
  EXPECT_EQ(session.at("query"), "SELECT 1");
}

TEST(db_sessions, text_has_one_line_per_session) {
  const std::string name = fresh_database_name();
  const open_session first(name, "first_app");
  const open_session second(name, "second_app");
  const command_result listed = soong_db_on(name, "sessions");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(std::count(listed.out.begin(), listed.out.end(), '\n'), 2) << listed.out;
  EXPECT_NE(listed.out.find("pid=" + std::to_string(first.pid())), std::string::npos);
  EXPECT_NE(listed.out.find("application=second_app"), std::string::npos);
}

TEST(db_kill, all_ends_the_target_databases_sessions_only) {
  const std::string name = fresh_database_name();
  const std::string other = fresh_database_name();
  const open_session holder(name, "holder_app");
  const open_session bystander(other, "bystander_app");
  const command_result killed = soong_db_on(name, "kill --all");
  EXPECT_EQ(killed.exit_code, 0) << killed.err;
  EXPECT_NE(killed.out.find("ended session pid " + std::to_string(holder.pid())), std::string::npos)
      << killed.out;
  EXPECT_EQ(std::count(killed.out.begin(), killed.out.end(), '\n'), 1) << killed.out;
  EXPECT_FALSE(holder.alive());
  EXPECT_TRUE(bystander.alive());
}

TEST(db_kill, pid_refuses_a_session_of_another_database) {
  const std::string name = fresh_database_name();
  const std::string other = fresh_database_name();
  const open_session holder(name, "holder_app");
  const open_session bystander(other, "bystander_app");
  const command_result refused = soong_db_on(name, "kill --pid " + std::to_string(bystander.pid()));
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("is not a session of database"), std::string::npos) << refused.err;
  EXPECT_TRUE(bystander.alive());
  EXPECT_TRUE(holder.alive());

  const command_result killed = soong_db_on(name, "kill --pid " + std::to_string(holder.pid()));
  EXPECT_EQ(killed.exit_code, 0) << killed.err;
  EXPECT_FALSE(holder.alive());
}

TEST(db_kill, idle_for_ends_only_sessions_idle_that_long) {
  const std::string name = fresh_database_name();
  const open_session holder(name, "holder_app");
  const command_result kept = soong_db_on(name, "kill --idle-for 1h");
  EXPECT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_NE(kept.out.find("no sessions to end"), std::string::npos) << kept.out;
  EXPECT_TRUE(holder.alive());

  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  const command_result killed = soong_db_on(name, "kill --idle-for 500ms");
  EXPECT_EQ(killed.exit_code, 0) << killed.err;
  EXPECT_FALSE(holder.alive());
}

TEST(db_kill, needs_exactly_one_selector_and_a_valid_duration) {
  const std::string name = fresh_database_name();
  const open_session holder(name, "holder_app");
  EXPECT_EQ(soong_db_on(name, "kill").exit_code, 2);
  EXPECT_EQ(soong_db_on(name, "kill --all --pid 1").exit_code, 2);
  const command_result bad = soong_db_on(name, "kill --idle-for soon");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("'soon' is not a duration"), std::string::npos) << bad.err;
  EXPECT_TRUE(holder.alive());
}

// The production guard: a database recorded as production refuses the destructive commands.

/// A database whose first schema load recorded it as production.
std::string production_database() {
  const std::string name = fresh_database_name();
  const project_folder project;
  const std::string schema = project.write("schema.sql", "CREATE TABLE kept (id int);\n");
  const command_result loaded =
      soong_db_on(name, "schema-load --schema " + shell_quote(schema), "SOONG_ENV=production");
  if (loaded.exit_code != 0) throw std::runtime_error("schema-load failed: " + loaded.err);
  return name;
}

TEST(db_production_guard, the_first_schema_load_records_the_environment) {
  const std::string name = production_database();
  EXPECT_EQ(query_value(name, "SELECT name FROM soong.environment"), "production");
}

TEST(db_production_guard, drop_refuses_a_production_database) {
  const std::string name = production_database();
  const command_result refused = soong_db_on(name, "drop --force");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("recorded as a production database"), std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("--allow-production"), std::string::npos) << refused.err;
  EXPECT_TRUE(database_exists(name));

  const command_result allowed = soong_db_on(name, "drop --force --allow-production");
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_FALSE(database_exists(name));
}

TEST(db_production_guard, reset_refuses_a_production_database) {
  const std::string name = production_database();
  const project_folder project;
  const std::string schema = project.write("schema.sql", "CREATE TABLE other (id int);\n");
  const command_result refused = soong_db_on(name, "reset --schema " + shell_quote(schema));
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("production"), std::string::npos) << refused.err;
  EXPECT_EQ(query_value(name, "SELECT to_regclass('public.kept') IS NOT NULL"), "t");
}

TEST(db_production_guard, schema_load_replace_refuses_a_production_database) {
  const std::string name = production_database();
  const project_folder project;
  const std::string schema = project.write("schema.sql", "CREATE TABLE other (id int);\n");
  const command_result refused =
      soong_db_on(name, "schema-load --replace --schema " + shell_quote(schema));
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("production"), std::string::npos) << refused.err;
  EXPECT_EQ(query_value(name, "SELECT to_regclass('public.kept') IS NOT NULL"), "t");
  EXPECT_EQ(query_value(name, "SELECT to_regclass('public.other') IS NULL"), "t");
}

TEST(db_production_guard, kill_all_refuses_a_production_database) {
  const std::string name = production_database();
  const open_session holder(name, "holder_app");
  const command_result refused = soong_db_on(name, "kill --all");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("production"), std::string::npos) << refused.err;
  EXPECT_TRUE(holder.alive());

  EXPECT_EQ(soong_db_on(name, "kill --all --allow-production").exit_code, 0);
  EXPECT_FALSE(holder.alive());
}

TEST(db_production_guard, a_development_database_drops_without_the_flag) {
  const std::string name = fresh_database_name();
  const project_folder project;
  const std::string schema = project.write("schema.sql", "CREATE TABLE kept (id int);\n");
  ASSERT_EQ(soong_db_on(name, "schema-load --env development --schema " + shell_quote(schema),
                        "SOONG_ENV=production")
                .exit_code,
            0);
  EXPECT_EQ(query_value(name, "SELECT name FROM soong.environment"), "development");
  EXPECT_EQ(soong_db_on(name, "drop").exit_code, 0);
}

}  // namespace
