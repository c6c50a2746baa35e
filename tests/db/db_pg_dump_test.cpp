// A real `pg_dump --schema-only` of a database built here, owned by a role that is gone by the
// time the dump is loaded: `soong db schema-load` loads it as it is, and `soong generate`
// types queries against it on its own throwaway server.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "db_test_support.hpp"
#include "embedded_server.hpp"

namespace {

using namespace soong::testing;
using namespace soong::testing::db;

// The source database: an extension (so the dump comments on it), an enum, a table and a view
// owned by a role that does not exist where the dump is loaded.
std::string dumped_schema(const std::string& role) {
  const std::string source = fresh_database_name();
  run_sql(conninfo(source),
          "CREATE ROLE " + role +
              ";\n"
              "CREATE EXTENSION citext;\n"
              "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n"
              "CREATE TABLE people (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
              "                     email citext NOT NULL UNIQUE, feeling mood);\n"
              "CREATE VIEW happy_people AS SELECT id, email FROM people WHERE feeling = 'happy';\n"
              "ALTER TABLE people OWNER TO " +
              role +
              ";\n"
              "ALTER VIEW happy_people OWNER TO " +
              role + ";\n");
  const auto bin = soong::embedded::find_bin_dir();
  if (!bin) throw std::runtime_error("no PostgreSQL binaries for pg_dump");
  const std::string command =
      shell_quote(*bin + "/pg_dump") + " --schema-only " + shell_quote(conninfo(source));
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
  std::string dump;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) dump.append(buffer, n);
  if (::pclose(pipe) != 0) throw std::runtime_error("pg_dump failed: " + command);
  // The role is gone wherever the dump is loaded next.
  run_sql(conninfo(source), "REASSIGN OWNED BY " + role + " TO CURRENT_USER;\nDROP ROLE " + role);
  return dump;
}

TEST(db_pg_dump, a_schema_only_dump_loads_and_generates_as_it_is) {
  const std::string role = unique_name("dump_owner");
  const std::string dump = dumped_schema(role);
  // What makes the dump hostile to a plain load is really there.
  EXPECT_NE(dump.find("\\restrict "), std::string::npos) << dump;
  EXPECT_NE(dump.find("\\unrestrict "), std::string::npos);
  EXPECT_NE(dump.find("OWNER TO " + role), std::string::npos);
  EXPECT_NE(dump.find("set_config('search_path', '', false)"), std::string::npos);
  EXPECT_NE(dump.find("COMMENT ON EXTENSION citext"), std::string::npos);

  const project_folder project;
  const std::string schema = project.write("db/schema.sql", dump);
  const std::string target = fresh_database_name();
  const command_result loaded = soong_db_on(target, "schema-load --schema " + shell_quote(schema));
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  EXPECT_EQ(query_value(target, "SELECT to_regclass('public.happy_people') IS NOT NULL"), "t");
  EXPECT_EQ(query_value(target, "SELECT 'A@B.org'::citext = 'a@b.ORG'::citext"), "t");

  project.write("queries/people.sql",
                "-- name: PersonByEmail :one\n"
                "SELECT id, email, feeling FROM people WHERE email = @email;\n");
  const command_result generated = run_soong_in(
      project.path(),
      "generate --schema db/schema.sql --queries queries --out out --namespace dump::db");
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  const auto read = [&](const char* name) {
    std::ifstream in(std::filesystem::path(project.path()) / "out" / name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  // The rows are the dumped table's struct, with the enum and citext typed.
  EXPECT_NE(read("people.sql.hpp").find("std::optional<people> person_by_email("),
            std::string::npos)
      << read("people.sql.hpp");
  const std::string schema_header = read("schema.hpp");
  EXPECT_NE(schema_header.find("std::string email{};"), std::string::npos) << schema_header;
  EXPECT_NE(schema_header.find("std::optional<::dump::db::mood> feeling{};"), std::string::npos)
      << schema_header;
}

}  // namespace
