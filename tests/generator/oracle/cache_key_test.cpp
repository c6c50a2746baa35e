// The result cache key: stable for the same inputs, different when any input changes.

#include "oracle/cache_key.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

namespace soong::gen {
namespace {

cache_key_inputs base_inputs() {
  cache_key_inputs in;
  in.schema_files = {{"schema/001_users.sql", "CREATE TABLE users (id int8 PRIMARY KEY);"},
                     {"schema/002_posts.sql", "CREATE TABLE posts (id int8);"}};
  in.query_files = {{"sql/users.sql", "-- name: GetUser :one\nSELECT * FROM users;"}};
  in.generator_version = "0.1.0";
  in.server_major_version = 15;
  return in;
}

TEST(cache_key, is_sha256_hex_and_stable) {
  const std::string key = cache_key(base_inputs());
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos) << key;
  EXPECT_EQ(cache_key(base_inputs()), key);
}

TEST(cache_key, changes_when_any_input_changes) {
  const std::vector<std::pair<std::string, std::function<void(cache_key_inputs&)>>> changes = {
      {"schema text", [](auto& in) { in.schema_files[0].second += " "; }},
      {"schema path", [](auto& in) { in.schema_files[1].first = "schema/003_posts.sql"; }},
      {"schema order", [](auto& in) { std::swap(in.schema_files[0], in.schema_files[1]); }},
      {"schema file added",
       [](auto& in) {
         in.schema_files.push_back({"x.sql", ""});
       }},
      {"query text", [](auto& in) { in.query_files[0].second.back() = ' '; }},
      {"query path", [](auto& in) { in.query_files[0].first = "sql/user.sql"; }},
      {"query file added",
       [](auto& in) {
         in.query_files.push_back({"sql/empty.sql", ""});
       }},
      {"generator version", [](auto& in) { in.generator_version = "0.1.1"; }},
      {"server major", [](auto& in) { in.server_major_version = 16; }},
      {"text moved between files",
       [](auto& in) {
         in.schema_files[0].second += in.schema_files[1].second;
         in.schema_files[1].second.clear();
       }},
      {"schema file becomes a query file",
       [](auto& in) {
         in.query_files.insert(in.query_files.begin(), in.schema_files.back());
         in.schema_files.pop_back();
       }},
  };
  std::set<std::string> keys = {cache_key(base_inputs())};
  for (const auto& [what, change] : changes) {
    cache_key_inputs in = base_inputs();
    change(in);
    const auto [_, is_new] = keys.insert(cache_key(in));
    EXPECT_TRUE(is_new) << "the key did not change for: " << what;
  }
}

TEST(cache_key, a_query_files_key_changes_with_its_context_path_and_text) {
  const std::string context = cache_key(base_inputs());
  const std::string key = query_file_cache_key(context, "sql/users.sql", "SELECT 1;");
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(query_file_cache_key(context, "sql/users.sql", "SELECT 1;"), key);
  cache_key_inputs other_schema = base_inputs();
  other_schema.schema_files[0].second += " ";
  const std::set<std::string> keys = {
      key,
      query_file_cache_key(cache_key(other_schema), "sql/users.sql", "SELECT 1;"),
      query_file_cache_key(context, "sql/user.sql", "SELECT 1;"),
      query_file_cache_key(context, "sql/users.sql", "SELECT 2;"),
      // The path/text boundary is length-prefixed, not a place text can move across.
      query_file_cache_key(context, "sql/users.sqlS", "ELECT 1;"),
      context,
  };
  EXPECT_EQ(keys.size(), 6u);
}

TEST(cache_key, parses_postgres_version_output) {
  EXPECT_EQ(parse_postgres_version("postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n"), 15);
  EXPECT_EQ(parse_postgres_version("postgres (PostgreSQL) 9.6.24\n"), 9);
  EXPECT_EQ(parse_postgres_version("postgres (PostgreSQL) 17beta1\n"), 17);
  EXPECT_FALSE(parse_postgres_version("postgres: command not found").has_value());
  EXPECT_FALSE(parse_postgres_version("postgres (PostgreSQL) devel").has_value());
}

}  // namespace
}  // namespace soong::gen
