// The seam between `soong db` and a migration runner (lifecycle/migration_hooks.hpp), called
// in-process against a real database: seed refuses while the runner reports pending
// migrations, and setup hands a migrations folder to the runner.

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "db_test_support.hpp"
#include "lifecycle/db_commands.hpp"
#include "soong/error.hpp"

namespace {

using namespace soong::testing;
using namespace soong::testing::db;
using namespace soong::gen::lifecycle;

db_options options_for(const std::string& database) {
  db_options options;
  options.target.database_url = conninfo(database);
  return options;
}

TEST(db_hooks, seed_refuses_while_migrations_are_pending) {
  const std::string name = fresh_database_name();
  run_sql(conninfo(name), "CREATE TABLE users (id int)");
  const project_folder project;
  db_options options = options_for(name);
  options.seed_file = project.write("seed.sql", "INSERT INTO users VALUES (1);\n");
  migration_hooks hooks;
  hooks.pending_migrations = [](const soong::gen::lifecycle::database_target&, const std::optional<std::string>& folder) {
    EXPECT_FALSE(folder.has_value());  // plain seed: the runner's default folder
    return std::vector<std::string>{"20240102_add_email.sql", "20240103_add_bio.sql"};
  };
  std::ostringstream out;
  std::ostringstream err;
  try {
    static_cast<void>(run_seed(options, hooks, out, err));
    FAIL() << "seeded with pending migrations";
  } catch (const soong::error& e) {
    EXPECT_NE(std::string(e.what()).find("2 pending migrations (first: 20240102_add_email.sql)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(query_value(name, "SELECT count(*) FROM users"), "0");

  hooks.pending_migrations = [](const soong::gen::lifecycle::database_target&, const std::optional<std::string>&) {
    return std::vector<std::string>{};
  };
  EXPECT_EQ(run_seed(options, hooks, out, err), 0) << err.str();
  EXPECT_EQ(query_value(name, "SELECT count(*) FROM users"), "1");
}

TEST(db_hooks, setup_hands_a_migrations_folder_to_the_runner) {
  const std::string name = unique_name("hooked_setup");
  const project_folder project;
  project.write("migrations/001_users.sql", "CREATE TABLE users (id int);\n");
  db_options options = options_for(name);
  options.schema = project.path() + "/migrations";
  options.environment = "staging";
  migration_hooks hooks;
  std::string folder_given;
  std::string environment_given;
  hooks.apply_migrations = [&](const migrations_run& run, std::ostream& out) {
    folder_given = run.folder;
    environment_given = run.environment;
    out << "applied by the runner\n";
    return 0;
  };
  std::ostringstream out;
  std::ostringstream err;
  ASSERT_EQ(run_setup(options, hooks, out, err), 0) << err.str();
  EXPECT_EQ(folder_given, project.path() + "/migrations");
  EXPECT_EQ(environment_given, "staging");
  EXPECT_NE(out.str().find("applied by the runner"), std::string::npos) << out.str();
  // The runner, not schema-load, applies the folder.
  EXPECT_EQ(query_value(name, "SELECT to_regclass('public.users') IS NULL"), "t");
}

}  // namespace
