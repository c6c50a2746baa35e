// The application corpus through `soong describe`: every result column's and parameter's type
// and nullability against expected_types.txt, a table reviewed by hand from the SQL and the
// schema. A query that differs must be listed with its reason in known_imprecise.txt (soong
// is cautious: optional where the reviewer proved non-null); a listed query that now matches
// fails too, so the list stays honest. A result column soong calls non-null where the reviewer
// says it can be NULL is unsound (the generated code would throw soong::unexpected_null on real
// data) and fails unless listed in known_unsound.txt, which is meant to stay empty.

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "scratch_folder.hpp"
#include "soong_process.hpp"
#include "test_files.hpp"

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

const fs::path corpus_dir = SOONG_APP_CORPUS_DIR;

/// One query's description in the form of expected_types.txt:
/// `Name command | column:type! ... | $1:type? ...` (`!` non-null, `?` nullable or optional).
struct described_query {
  std::string name;
  std::string command;
  std::vector<std::string> columns;  // "name:type!" / "name:type?"
  std::vector<std::string> params;   // "$1:type!" / "$1:type?"
};

std::string type_text(const json& item) {
  std::string type = item.at("type").get<std::string>();
  for (int i = 0; i < item.at("array_dims").get<int>(); ++i) type += "[]";
  return type;
}

std::map<std::string, described_query> from_describe(const json& describe) {
  std::map<std::string, described_query> out;
  for (const auto& q : describe.at("queries")) {
    described_query d{q.at("name").get<std::string>(), q.at("command").get<std::string>(), {}, {}};
    for (const auto& c : q.at("columns")) {
      d.columns.push_back(c.at("name").get<std::string>() + ":" + type_text(c) +
                          (c.at("nullable").get<bool>() ? "?" : "!"));
    }
    for (const auto& p : q.at("params")) {
      d.params.push_back("$" + std::to_string(p.at("number").get<int>()) + ":" + type_text(p) +
                         (p.at("nullable").get<bool>() ? "?" : "!"));
    }
    out.emplace(d.name, d);
  }
  return out;
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

/// Parses expected_types.txt; a malformed line fails the test with its text.
std::map<std::string, described_query> expected_queries() {
  std::map<std::string, described_query> out;
  for (const auto& line : soong::testing::reviewed_lines(corpus_dir / "expected_types.txt")) {
    const auto first_bar = line.find('|');
    const auto second_bar = line.find('|', first_bar + 1);
    const auto head = words(line.substr(0, first_bar));
    if (second_bar == std::string::npos || head.size() != 2) {
      ADD_FAILURE() << "malformed line in expected_types.txt: " << line;
      continue;
    }
    described_query d{head[0], head[1],
                      words(line.substr(first_bar + 1, second_bar - first_bar - 1)),
                      words(line.substr(second_bar + 1))};
    if (!out.emplace(d.name, d).second) ADD_FAILURE() << "query listed twice: " << d.name;
  }
  return out;
}

/// `Name: reason` lines; the reason is required.
std::map<std::string, std::string> listed_queries(const std::string& file) {
  std::map<std::string, std::string> out;
  for (const auto& line : soong::testing::reviewed_lines(corpus_dir / file)) {
    const auto colon = line.find(": ");
    if (colon == std::string::npos || colon + 2 >= line.size()) {
      ADD_FAILURE() << file << ": a line needs `Name: reason`: " << line;
      continue;
    }
    out.emplace(line.substr(0, colon), line.substr(colon + 2));
  }
  return out;
}

std::string line_of(const described_query& d) {
  std::string out = d.name + " " + d.command + " |";
  for (const auto& c : d.columns) out += " " + c;
  out += " |";
  for (const auto& p : d.params) out += " " + p;
  return out;
}

bool ends_with(const std::string& text, char c) { return !text.empty() && text.back() == c; }

/// The result columns soong calls non-null that the reviewer says can be NULL: each would make
/// the generated code throw on data that is legal.
std::vector<std::string> unsound_columns(const described_query& actual,
                                         const described_query& expected) {
  std::vector<std::string> out;
  if (actual.columns.size() != expected.columns.size()) return out;
  for (std::size_t i = 0; i < actual.columns.size(); ++i) {
    const std::string& a = actual.columns[i];
    const std::string& e = expected.columns[i];
    if (a.substr(0, a.size() - 1) == e.substr(0, e.size() - 1) && ends_with(a, '!') &&
        ends_with(e, '?')) {
      out.push_back(a.substr(0, a.size() - 1));
    }
  }
  return out;
}

TEST(app_corpus_describe, types_and_nullability_match_the_reviewed_table) {
  const soong::testing::scratch_folder tmp("soong-app-corpus");
  const auto result = soong::testing::run_soong({"describe", "--schema", "schema.sql", "--queries",
                                                 "queries", "--format", "json", "--no-cache"},
                                                corpus_dir, {{"TMPDIR", tmp.path().string()}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");

  const json describe = json::parse(result.out);
  const auto actual = from_describe(describe);
  const auto expected = expected_queries();
  const auto imprecise = listed_queries("known_imprecise.txt");
  const auto unsound_listed = listed_queries("known_unsound.txt");

  for (const auto& [name, e] : expected) {
    if (!actual.contains(name))
      ADD_FAILURE() << "expected_types.txt lists an unknown query " << name;
  }
  for (const auto& [name, reason] : imprecise) {
    if (!expected.contains(name))
      ADD_FAILURE() << "known_imprecise.txt lists an unknown query " << name;
  }

  int correct = 0;
  int columns = 0;
  int params = 0;
  std::set<std::string> commands;
  for (const auto& [name, a] : actual) {
    columns += static_cast<int>(a.columns.size());
    params += static_cast<int>(a.params.size());
    commands.insert(a.command);
    const auto e = expected.find(name);
    if (e == expected.end()) {
      ADD_FAILURE() << "query " << name << " is missing from expected_types.txt; soong says:\n"
                    << line_of(a);
      continue;
    }
    const bool matches = line_of(a) == line_of(e->second);
    const auto unsound = unsound_columns(a, e->second);
    if (matches) {
      ++correct;
      if (imprecise.contains(name) || unsound_listed.contains(name)) {
        ADD_FAILURE() << name << " now matches expected_types.txt: delete its line from "
                      << (imprecise.contains(name) ? "known_imprecise.txt" : "known_unsound.txt");
      }
      continue;
    }
    if (unsound.empty() && unsound_listed.contains(name)) {
      ADD_FAILURE() << name << " is no longer unsound: delete its line from known_unsound.txt";
    }
    if (!unsound.empty() && !unsound_listed.contains(name)) {
      std::string cols;
      for (const auto& c : unsound) cols += " " + c;
      ADD_FAILURE() << "UNSOUND: " << name << " calls non-null what can be NULL:" << cols
                    << "\n  soong:    " << line_of(a) << "\n  expected: " << line_of(e->second);
    } else if (unsound.empty() && !imprecise.contains(name)) {
      ADD_FAILURE() << "regression: " << name << " differs from expected_types.txt"
                    << "\n  soong:    " << line_of(a) << "\n  expected: " << line_of(e->second)
                    << "\n(if soong is right, fix expected_types.txt; if it is cautious, list "
                       "the query with its reason in known_imprecise.txt)";
    }
  }

  EXPECT_GE(actual.size(), 150u);
  EXPECT_EQ(commands.size(), 9u) << "every command is in the corpus";
  std::cout << "app corpus: " << actual.size() << " queries, " << columns << " result columns, "
            << params << " parameters\n"
            << "app corpus: fully correct: " << correct << " of " << actual.size() << " queries\n";
}

}  // namespace
