// The command line (`soong check`, `soong describe`, usage errors) and the result cache, end to
// end through the executable.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "scratch_folder.hpp"
#include "soong_process.hpp"

namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using soong::testing::run_soong;
using soong::testing::scratch_folder;
using soong::testing::snapshot_files;

constexpr const char* schema = R"(CREATE TABLE authors (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  bio text
);
)";

constexpr const char* queries = R"(-- Authors.

-- name: GetAuthor :one
SELECT id FROM authors WHERE id = $1;

-- name: ListNames :many
SELECT name, bio FROM authors WHERE name = ANY(@names::text[]);
)";

/// A folder with schema.sql and query.sql; soong runs with its servers below it.
struct fixture {
  scratch_folder dir{"soong-commands"};
  fixture() {
    dir.write("schema.sql", schema);
    dir.write("query.sql", queries);
  }
  [[nodiscard]] soong::testing::process_result soong(std::vector<std::string> args) const {
    return run_soong(args, dir.path(), {{"TMPDIR", dir.path().string()}});
  }
};

const std::vector<std::string> generate_args = {
    "generate", "--schema", "schema.sql", "--queries", "query.sql", "--out", "out", "--no-cache"};

/// Only the keys the README documents, so extra keys do not break the comparison.
json documented_keys(const json& describe) {
  json out = {{"queries", json::array()}};
  for (const auto& q : describe.at("queries")) {
    json entry = {{"name", q.at("name")}, {"command", q.at("command")}, {"file", q.at("file")},
                  {"line", q.at("line")}, {"params", json::array()},    {"columns", json::array()}};
    for (const char* list : {"params", "columns"}) {
      for (const auto& item : q.at(list)) {
        entry[list].push_back({{"name", item.at("name")},
                               {"type", item.at("type")},
                               {"nullable", item.at("nullable")},
                               {"array_dims", item.at("array_dims")}});
      }
    }
    out["queries"].push_back(entry);
  }
  return out;
}

TEST(describe, prints_the_documented_shape) {
  const fixture f;
  const auto result = f.soong({"describe", "--schema", "schema.sql", "--queries", "query.sql",
                               "--format", "json", "--no-cache"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  const json expected = json::parse(R"({"queries":[
    {"name":"GetAuthor","command":"one","file":"query.sql","line":4,
     "params":[{"name":"id","type":"int8","nullable":false,"array_dims":0}],
     "columns":[{"name":"id","type":"int8","nullable":false,"array_dims":0}]},
    {"name":"ListNames","command":"many","file":"query.sql","line":7,
     "params":[{"name":"names","type":"text","nullable":false,"array_dims":1}],
     "columns":[{"name":"name","type":"text","nullable":false,"array_dims":0},
                {"name":"bio","type":"text","nullable":true,"array_dims":0}]}]})");
  EXPECT_EQ(documented_keys(json::parse(result.out)), expected) << result.out;
  // The documented keys come first and in the documented order (people read this output).
  EXPECT_TRUE(result.out.starts_with(R"({
  "queries": [
    {
      "name": "GetAuthor",
      "command": "one",
      "file": "query.sql",
      "line": 4,
      "params": [
        {
          "name": "id",
          "type": "int8",
          "nullable": false,
          "array_dims": 0,)"))
      << result.out;
}

TEST(describe, shows_which_one_queries_return_exactly_one_row) {
  const fixture f;
  f.dir.write("counts.sql",
              "-- name: CountAuthors :one\nSELECT count(*) FROM authors;\n\n"
              "-- name: CountNamed :many\nSELECT count(*) FROM authors WHERE name = $1;\n");
  const auto result = f.soong({"describe", "--schema", "schema.sql", "--queries", "query.sql",
                               "--queries", "counts.sql", "--no-cache"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json described = json::parse(result.out);
  std::map<std::string, json> by_name;
  for (const auto& q : described.at("queries")) by_name[q.at("name").get<std::string>()] = q;
  ASSERT_EQ(by_name.size(), 4u) << result.out;
  // An aggregate without GROUP BY always yields one row; a lookup by key may yield none.
  EXPECT_EQ(by_name["CountAuthors"].value("exactly_one_row", json()), json(true)) << result.out;
  EXPECT_EQ(by_name["GetAuthor"].value("exactly_one_row", json()), json(false)) << result.out;
  // Only a :one has a row to return without std::optional.
  EXPECT_FALSE(by_name["CountNamed"].contains("exactly_one_row")) << result.out;
  EXPECT_FALSE(by_name["ListNames"].contains("exactly_one_row")) << result.out;
}

TEST(check, passes_on_fresh_output_and_writes_nothing) {
  const fixture f;
  ASSERT_EQ(f.soong(generate_args).exit_code, 0);
  const auto before = snapshot_files(f.dir.path() / "out");
  ASSERT_FALSE(before.empty());

  auto args = generate_args;
  args[0] = "check";
  const auto result = f.soong(args);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(snapshot_files(f.dir.path() / "out"), before);
}

TEST(check, reports_stale_and_missing_files_with_the_fix_command) {
  const fixture f;
  ASSERT_EQ(f.soong(generate_args).exit_code, 0);
  f.dir.write("out/query.sql.hpp", "// edited by hand\n");
  fs::remove(f.dir.path() / "out" / "schema.hpp");
  const auto before = snapshot_files(f.dir.path() / "out");

  auto args = generate_args;
  args[0] = "check";
  const auto result = f.soong(args);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "out/query.sql.hpp: stale\n"
            "out/schema.hpp: missing\n"
            "2 generated file(s) out of date; fix with:\n"
            "  soong generate --schema schema.sql --queries query.sql --out out --namespace db\n");
  EXPECT_EQ(snapshot_files(f.dir.path() / "out"), before) << "check must not write";
}

TEST(check, pooler_transaction_refuses_session_state_where_it_is_written) {
  const fixture f;
  ASSERT_EQ(f.soong(generate_args).exit_code, 0);
  auto args = generate_args;
  args[0] = "check";
  args.insert(args.end(), {"--pooler", "transaction"});
  EXPECT_EQ(f.soong(args).exit_code, 0) << "the fixture's queries are pooler-safe";

  f.dir.write("query.sql", std::string(queries) +
                               "\n-- name: LockAuthor :one\n"
                               "SELECT pg_try_advisory_lock(@id::bigint) AS locked;\n");
  ASSERT_EQ(f.soong(generate_args).exit_code, 0);  // fresh output: only the pooler check fails
  const auto result = f.soong(args);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("query.sql:10:8: error: breaks behind a transaction pooler: "
                            "pg_try_advisory_lock"),
            std::string::npos)
      << result.err;
  args.back() = "session";
  EXPECT_EQ(f.soong(args).exit_code, 0) << "a session pooler keeps sessions";
  args.back() = "weekly";
  EXPECT_EQ(f.soong(args).exit_code, 2);
}

TEST(cache, unchanged_rerun_hits_the_cache_and_writes_nothing) {
  const fixture f;
  const std::vector<std::string> args = {"generate",  "--schema", "schema.sql", "--queries",
                                         "query.sql", "--out",    "out",        "--cache-dir",
                                         "cache",     "-v"};
  const auto first = f.soong(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("soong: starting the type oracle\n"), std::string::npos) << first.err;
  EXPECT_EQ(first.err.find("cache hit"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("soong: wrote "), std::string::npos) << first.err;

  const auto files = snapshot_files(f.dir.path() / "out");
  std::map<std::string, fs::file_time_type> times;
  for (const auto& [path, text] : files)
    times[path] = fs::last_write_time(f.dir.path() / "out" / path);

  const auto second = f.soong(args);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("soong: cache hit "), std::string::npos) << second.err;
  EXPECT_EQ(second.err.find("starting the type oracle"), std::string::npos) << second.err;
  EXPECT_EQ(second.err.find("soong: wrote "), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("soong: " + std::to_string(files.size()) + " files unchanged\n"),
            std::string::npos)
      << second.err;
  EXPECT_EQ(snapshot_files(f.dir.path() / "out"), files);
  for (const auto& [path, time] : times) {
    EXPECT_EQ(fs::last_write_time(f.dir.path() / "out" / path), time) << path << " rewritten";
  }
}

TEST(generate, prepare_all_writes_the_targets_prepare_all_over_files_and_crud_tables) {
  const fixture f;
  const auto result =
      f.soong({"generate", "--schema", "schema.sql", "--queries", "query.sql", "--out", "out",
               "--no-cache", "--crud", "authors", "--prepare-all", "app_db"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto files = snapshot_files(f.dir.path() / "out");
  ASSERT_TRUE(files.contains("app_db.prepare_all.hpp")) << result.err;
  ASSERT_TRUE(files.contains("app_db.prepare_all.cpp"));
  EXPECT_NE(files.at("app_db.prepare_all.hpp").find("void prepare_all(soong::connection& conn);"),
            std::string::npos);
  const std::string& source = files.at("app_db.prepare_all.cpp");
  EXPECT_NE(source.find("add(detail::query_statements());"), std::string::npos) << source;
  EXPECT_NE(source.find("add(detail::authors_crud_statements());"), std::string::npos) << source;
  // The CRUD table's header declares the list and its own prepare function.
  EXPECT_NE(files.at("authors.crud.hpp")
                .find("void prepare_all_authors_crud(soong::connection& "
                      "conn);"),
            std::string::npos);

  // Written by whichever step writes it, even one that writes only the CRUD files.
  const auto crud_only =
      f.soong({"generate", "--schema", "schema.sql", "--out", "crud_only", "--no-cache", "--crud",
               "authors", "--crud-only", "--prepare-all", "app_db"});
  ASSERT_EQ(crud_only.exit_code, 0) << crud_only.err;
  EXPECT_TRUE(fs::exists(f.dir.path() / "crud_only" / "app_db.prepare_all.cpp"));
  EXPECT_FALSE(fs::exists(f.dir.path() / "crud_only" / "schema.hpp"));

  const auto path = f.soong({"generate", "--schema", "schema.sql", "--queries", "query.sql",
                             "--out", "out", "--no-cache", "--prepare-all", "a/b"});
  EXPECT_EQ(path.exit_code, 2);
  EXPECT_NE(path.err.find("a target name, not a path"), std::string::npos) << path.err;
}

TEST(generate, a_query_file_named_like_a_crud_tables_prepare_function_is_an_error) {
  const fixture f;
  f.dir.write("authors_crud.sql", "-- name: AuthorCount :one\nSELECT count(*) FROM authors;\n");
  const auto clash = f.soong({"generate", "--schema", "schema.sql", "--queries", "authors_crud.sql",
                              "--out", "out", "--no-cache", "--crud", "authors"});
  EXPECT_EQ(clash.exit_code, 1) << clash.err;
  EXPECT_NE(clash.err.find("authors_crud.sql: error: query file authors_crud.sql gets "
                           "`prepare_all_authors_crud`, which the CRUD functions of "
                           "public.authors also declare"),
            std::string::npos)
      << clash.err;
  EXPECT_FALSE(fs::exists(f.dir.path() / "out" / "authors_crud.sql.hpp"));
}

TEST(generate, crud_tables_written_elsewhere_are_checked_for_name_clashes_but_not_written) {
  const fixture f;
  const auto fine = f.soong({"generate", "--schema", "schema.sql", "--queries", "query.sql",
                             "--out", "out", "--no-cache", "--crud-elsewhere", "authors"});
  ASSERT_EQ(fine.exit_code, 0) << fine.err;
  EXPECT_TRUE(fs::exists(f.dir.path() / "out" / "query.sql.hpp"));
  EXPECT_FALSE(fs::exists(f.dir.path() / "out" / "authors.crud.hpp"));
  EXPECT_FALSE(fs::exists(f.dir.path() / "out" / "authors.crud.cpp"));

  f.dir.write("clash.sql", "-- name: GetAuthors :many\nSELECT id FROM authors;\n");
  const auto clash =
      f.soong({"generate", "--schema", "schema.sql", "--queries", "clash.sql", "--out", "clash",
               "--no-cache", "--crud-elsewhere", "public.authors"});
  EXPECT_NE(clash.exit_code, 0);
  EXPECT_NE(clash.err.find("clash.sql:2:1: error: query GetAuthors generates `get_authors`, "
                           "which the CRUD functions of public.authors also declare"),
            std::string::npos)
      << clash.err;
  EXPECT_NE(clash.err.find("[SOONG214]"), std::string::npos) << clash.err;
  EXPECT_FALSE(fs::exists(f.dir.path() / "clash" / "clash.sql.hpp"));
}

constexpr const char* subcommand_list =
    "generate, check, describe, drift, vet, db, migrate, schema, data-api, crud, doctor";

TEST(command_line, unknown_subcommand_is_named_with_the_subcommands) {
  const fixture f;
  const auto r = f.soong({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, std::string("soong: unknown subcommand 'frobnicate'; the subcommands are: ") +
                       subcommand_list + " (see soong --help)\n");
  EXPECT_EQ(r.out, "");
}

TEST(command_line, missing_subcommand_lists_the_subcommands) {
  const fixture f;
  const auto r = f.soong({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, std::string("soong: a subcommand is required: ") + subcommand_list +
                       " (see soong --help)\n");

  const auto option = f.soong({"--frobnicate"});
  EXPECT_EQ(option.exit_code, 2);
  EXPECT_EQ(option.err, std::string("soong: unknown option '--frobnicate'; a subcommand comes "
                                    "first: ") +
                            subcommand_list + " (see soong --help)\n");
}

TEST(command_line, unknown_subcommands_of_every_family_are_named_in_one_line) {
  const fixture f;
  const std::pair<const char*, const char*> families[] = {
      {"db", "url, wait, create, drop, sessions, kill, schema-load, seed, setup, reset, connect"},
      {"migrate", "new, up, down, redo, status, verify, repair, adopt, check, compat"},
      {"schema", "dump"}};
  for (const auto& [family, subcommands] : families) {
    const auto r = f.soong({family, "bogus"});
    EXPECT_EQ(r.exit_code, 2) << family;
    EXPECT_EQ(r.err, std::string("soong ") + family + ": unknown subcommand 'bogus'; the " +
                         "subcommands are: " + subcommands + " (see soong " + family +
                         " --help)\n");
    const auto none = f.soong({family});
    EXPECT_EQ(none.exit_code, 2) << family;
    EXPECT_EQ(none.err, std::string("soong ") + family + ": a subcommand is required: " +
                            subcommands + " (see soong " + family + " --help)\n");
  }
  // A command without subcommands names the unexpected argument.
  const auto crud = f.soong({"crud", "bogus"});
  EXPECT_EQ(crud.exit_code, 2);
  EXPECT_EQ(crud.err, "soong crud: error: unknown argument 'bogus' (see soong crud --help)\n");
}

TEST(command_line, every_usage_error_is_one_line_with_exit_2) {
  const fixture f;
  const std::vector<std::vector<std::string>> lines = {
      {"generate", "--bogus"},
      {"generate", "--out"},
      {"check", "--schema", "s.sql"},
      {"migrate", "down", "--steps", "many"},
      {"migrate", "up", "extra"},
      {"migrate", "new"},
      {"drift", "--format", "yaml", "--schema", "s", "--database-url", "u"},
      {"schema", "dump", "--bogus"},
      {"db", "--bogus"}};
  for (const std::vector<std::string>& args : lines) {
    const auto r = f.soong(args);
    std::string joined;
    for (const std::string& a : args) joined += a + " ";
    EXPECT_EQ(r.exit_code, 2) << joined;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << joined << ": " << r.err;
    EXPECT_EQ(r.err.rfind("soong " + args.front(), 0), 0u) << joined << ": " << r.err;
    EXPECT_EQ(r.out, "") << joined;
  }
}

TEST(command_line, help_and_version_still_succeed) {
  const fixture f;
  const auto help = f.soong({"--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_NE(help.out.find("generate"), std::string::npos) << help.out;
  const auto version = f.soong({"--version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_EQ(version.out.rfind("soong ", 0), 0u) << version.out;
}

}  // namespace
