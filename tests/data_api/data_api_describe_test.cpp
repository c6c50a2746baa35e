// The Data API form as users see it: `soong describe` shows it, and `soong generate
// --transports` decides whether the generated files mention the Data API at all.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "run_soong.hpp"

namespace {

namespace fs = std::filesystem;
using soong::testing::run_soong_in;

const std::string inputs = "--schema generated/schema.sql --queries generated/samples.sql";

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(data_api_describe, describe_shows_the_data_api_form_of_each_query) {
  const auto r = run_soong_in(SOONG_DATA_API_TEST_DIR, "describe --no-cache " + inputs);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json described = nlohmann::json::parse(r.out);
  const nlohmann::json* get_sample = nullptr;
  for (const auto& q : described.at("queries")) {
    if (q.at("name") == "GetSample") get_sample = &q;
  }
  ASSERT_NE(get_sample, nullptr) << r.out;
  ASSERT_TRUE(get_sample->contains("data_api_sql")) << get_sample->dump(2);
  const std::string sql = get_sample->at("data_api_sql");
  EXPECT_NE(sql.find("WHERE id = CAST(:id AS pg_catalog.uuid)"), std::string::npos) << sql;
  EXPECT_NE(sql.find("timestamptz_send(c4)"), std::string::npos) << sql;
  EXPECT_NE(sql.find("record_send(c15)"), std::string::npos) << sql;
}

TEST(data_api_describe, describe_shows_the_data_api_form_of_each_json_twin) {
  const auto r = run_soong_in(SOONG_DATA_API_TEST_DIR, "describe --no-cache " + inputs);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json described = nlohmann::json::parse(r.out);
  std::size_t twins = 0;
  for (const auto& q : described.at("queries")) {
    const std::string command = q.at("command");
    const bool has_twin = command == "one" || command == "many";
    EXPECT_EQ(q.contains("data_api_json_sql"), has_twin) << q.dump(2);
    if (!has_twin) continue;
    ++twins;
    std::string sql = q.at("data_api_json_sql");
    EXPECT_NE(sql.find("_json("), std::string::npos) << sql;
    // No libpq placeholder is left (MoveSample's string literal aside).
    if (const auto literal = sql.find("'$1 stays'"); literal != std::string::npos) {
      sql.erase(literal, 10);
    }
    EXPECT_EQ(sql.find('$'), std::string::npos) << sql;
    if (q.at("name") == "GetSample") {
      EXPECT_NE(sql.find("WHERE id = CAST(:id AS pg_catalog.uuid)"), std::string::npos) << sql;
    }
  }
  EXPECT_GE(twins, 5U);
}

// The `_json` twin's Data API form is prepared at build time like the statement's own: a twin
// PostgreSQL refuses fails the build of a target asking for the Data API, at the query.
TEST(data_api_describe, a_json_twin_postgresql_refuses_is_a_build_error) {
  const fs::path dir =
      fs::temp_directory_path() / ("soong_data_api_json_twin_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "schema.sql") << "CREATE TABLE notes (id int4 PRIMARY KEY, body text);\n";
  // The twin lists its rows as soong_json_rows next to the statement's own WITH list, so a CTE
  // of that name makes it refused while the statement and its plain Data API form prepare.
  std::ofstream(dir / "notes.sql")
      << "-- name: GetNote :one\nSELECT body FROM notes WHERE id = @id;\n\n"
         "-- name: NoteBodies :many\n"
         "WITH soong_json_rows AS (SELECT id, body FROM notes WHERE id > @after)\n"
         "SELECT body FROM soong_json_rows ORDER BY id;\n";
  const std::string files = "--schema schema.sql --queries notes.sql --out out";
  const auto libpq = run_soong_in(dir.string(), "generate --no-cache " + files);
  EXPECT_EQ(libpq.exit_code, 0) << libpq.err;
  const auto both =
      run_soong_in(dir.string(), "generate --no-cache " + files + " --transports libpq,data_api");
  EXPECT_NE(both.exit_code, 0) << both.out;
  EXPECT_NE(both.err.find("notes.sql:5:1: error"), std::string::npos) << both.err;
  EXPECT_NE(both.err.find("NoteBodies has no RDS Data API form for note_bodies_json"),
            std::string::npos)
      << both.err;
  EXPECT_NE(both.err.find("soong_json_rows"), std::string::npos) << both.err;
  EXPECT_EQ(both.err.find("GetNote"), std::string::npos) << both.err;
  const auto without_twins = run_soong_in(
      dir.string(), "generate --no-cache " + files + " --transports libpq,data_api --json none");
  EXPECT_EQ(without_twins.exit_code, 0) << without_twins.err;
  fs::remove_all(dir);
}

TEST(data_api_describe, only_targets_asking_for_the_data_api_mention_it) {
  const fs::path out =
      fs::temp_directory_path() / ("soong_data_api_transports_" + std::to_string(::getpid()));
  fs::remove_all(out);
  const auto libpq =
      run_soong_in(SOONG_DATA_API_TEST_DIR,
                   "generate --no-cache " + inputs + " --out " + (out / "libpq").string());
  ASSERT_EQ(libpq.exit_code, 0) << libpq.err;
  EXPECT_EQ(read_file(out / "libpq" / "samples.sql.hpp").find("data_api"), std::string::npos);
  EXPECT_EQ(read_file(out / "libpq" / "samples.sql.cpp").find("data_api"), std::string::npos);

  const auto both = run_soong_in(
      SOONG_DATA_API_TEST_DIR, "generate --no-cache " + inputs +
                                   " --transports libpq,data_api --out " + (out / "both").string());
  ASSERT_EQ(both.exit_code, 0) << both.err;
  const std::string header = read_file(out / "both" / "samples.sql.hpp");
  EXPECT_NE(header.find("get_sample(soong::data_api::session& session"), std::string::npos);
  // The header stays lean: a forward declaration, no Data API (or HTTP, JSON) header.
  EXPECT_EQ(header.find("#include <soong/data_api"), std::string::npos);
  EXPECT_NE(
      read_file(out / "both" / "samples.sql.cpp").find("#include <soong/data_api/session.hpp>"),
      std::string::npos);

  const auto unknown =
      run_soong_in(SOONG_DATA_API_TEST_DIR, "generate --no-cache " + inputs +
                                                " --transports grpc --out " + (out / "x").string());
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("grpc"), std::string::npos) << unknown.err;
  fs::remove_all(out);
}

}  // namespace
