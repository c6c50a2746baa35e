// The corpus through `soong describe`: every column's and parameter's nullability against
// the hand-reviewed table in expected_nullability.txt, and figures printed on stdout for whoever
// tunes the analysis: corpus size, non-null vs optional result columns, generation time cold
// (server start, no cache) and warm (from the cache).

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "scratch_folder.hpp"
#include "soong_process.hpp"
#include "test_files.hpp"

namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using soong::testing::run_soong;

const fs::path corpus_dir = SOONG_CORPUS_DIR;

std::vector<std::string> describe_args(std::vector<std::string> extra) {
  std::vector<std::string> args = {"describe", "--schema", "schema.sql", "--queries",
                                   "queries",  "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

/// One line per query in the format of expected_nullability.txt.
std::string nullability_table(const json& describe) {
  std::string out;
  for (const auto& q : describe.at("queries")) {
    out += q.at("name").get<std::string>() + " " + q.at("command").get<std::string>();
    for (const auto& c : q.at("columns")) {
      out += " " + c.at("name").get<std::string>() + (c.at("nullable").get<bool>() ? "?" : "!");
    }
    out += " |";
    for (const auto& p : q.at("params")) {
      out += " " + p.at("name").get<std::string>() + ":" + p.at("type").get<std::string>() +
             (p.at("array_dims").get<int>() > 0 ? "[]" : "") +
             (p.at("nullable").get<bool>() ? "?" : "");
    }
    out += "\n";
  }
  return out;
}

/// The expected table without its comment lines.
std::string expected_table() {
  std::string out;
  for (const auto& line : soong::testing::reviewed_lines(corpus_dir / "expected_nullability.txt")) {
    out += line + "\n";
  }
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(corpus_describe, nullability_matches_the_reviewed_table_and_numbers) {
  const soong::testing::scratch_folder tmp("soong-corpus");
  const std::map<std::string, std::string> env = {{"TMPDIR", tmp.path().string()}};

  const auto cold_start = std::chrono::steady_clock::now();
  const auto cold = run_soong(describe_args({"--no-cache"}), corpus_dir, env);
  const double cold_seconds = seconds_since(cold_start);
  ASSERT_EQ(cold.exit_code, 0) << cold.err;
  EXPECT_EQ(cold.err, "");

  const json describe = json::parse(cold.out);
  EXPECT_EQ(nullability_table(describe), expected_table());

  // Warm: fill a private cache, then time a run that must not start a server.
  const std::string cache = (tmp.path() / "cache").string();
  ASSERT_EQ(run_soong(describe_args({"--cache-dir", cache}), corpus_dir, env).exit_code, 0);
  const auto warm_start = std::chrono::steady_clock::now();
  const auto warm = run_soong(describe_args({"--cache-dir", cache, "-v"}), corpus_dir, env);
  const double warm_seconds = seconds_since(warm_start);
  ASSERT_EQ(warm.exit_code, 0) << warm.err;
  EXPECT_NE(warm.err.find("soong: cache hit "), std::string::npos) << warm.err;
  EXPECT_EQ(warm.err.find("starting the type oracle"), std::string::npos) << warm.err;
  EXPECT_EQ(json::parse(warm.out), describe);

  std::set<std::string> files;
  std::set<std::string> commands;
  int non_null = 0;
  int optional = 0;
  for (const auto& q : describe.at("queries")) {
    files.insert(q.at("file").get<std::string>());
    commands.insert(q.at("command").get<std::string>());
    for (const auto& c : q.at("columns")) (c.at("nullable").get<bool>() ? optional : non_null)++;
  }
  EXPECT_GE(describe.at("queries").size(), 60u);
  EXPECT_EQ(commands.size(), 9u) << "every command is in the corpus";
  std::cout << "corpus: " << describe.at("queries").size() << " queries in " << files.size()
            << " files, " << commands.size() << " commands\n"
            << "corpus: result columns: " << non_null << " non-null, " << optional << " optional ("
            << non_null + optional << " total)\n"
            << "corpus: describe cold (server start, --no-cache): " << cold_seconds << " s\n"
            << "corpus: describe warm (cache hit): " << warm_seconds << " s\n";
}

}  // namespace
