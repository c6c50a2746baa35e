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
