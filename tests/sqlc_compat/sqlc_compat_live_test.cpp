// sqlc's PostgreSQL forms, generated at build time from a pg_dump text and run against a
// database that `soong db schema-load` loaded from the same dump.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <soong/json.hpp>
#include <soong/soong.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "compat.sql.hpp"
#include "run_soong.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {
namespace db = sqlc_compat::db;

std::string read_source(const std::string& name) {
  return soong::testing::read_file(std::string(SOONG_SQLC_COMPAT_DIR) + "/" + name);
}

// The dump goes through the same reader `soong generate` used: schema-load must accept the
// psql meta-commands, CREATE SCHEMA public and the owner that does not exist here.
std::string loaded_database() {
  const std::string name = soong::testing::fresh_database_name();
  const std::string conninfo = soong::testing::conninfo(name);
  const auto loaded = soong::testing::run_soong(
      "db schema-load --schema " +
      soong::testing::shell_quote(std::string(SOONG_SQLC_COMPAT_DIR) + "/schema.sql") +
      " --database-url " + soong::testing::shell_quote(conninfo));
  if (loaded.exit_code != 0) throw std::runtime_error("schema-load failed: " + loaded.err);
  soong::testing::run_sql(conninfo, read_source("seed.sql"));
  return conninfo;
}

class sqlc_compat : public ::testing::Test {
 protected:
  soong::connection conn{loaded_database()};
};

TEST_F(sqlc_compat, embed_on_both_sides_of_an_inner_join_holds_the_table_structs) {
  const std::vector<db::books_with_authors_row> rows = db::books_with_authors(conn);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].book.id, 10);
  EXPECT_EQ(rows[0].book.title, "The Dispossessed");
  EXPECT_EQ(rows[0].book.author_id, std::optional<std::int64_t>(1));
  EXPECT_EQ(rows[0].author.name, "Ursula Le Guin");
  EXPECT_EQ(rows[0].author.email, std::optional<std::string>("Ursula@Example.org"));
  EXPECT_EQ(rows[2].author.name, "Octavia Butler");
  EXPECT_EQ(rows[2].author.email, std::nullopt);
}

TEST_F(sqlc_compat, embed_on_the_nullable_side_of_an_outer_join_is_optional) {
  const auto rows = db::authors_with_books(conn);
  ASSERT_EQ(rows.size(), 4u);  // Le Guin twice, Butler once, Vernon without a book
  static_assert(std::is_same_v<decltype(rows[0].book), std::optional<db::book>>);
  ASSERT_TRUE(rows[0].book.has_value());
  EXPECT_EQ(rows[0].book->title, "The Dispossessed");
  EXPECT_EQ(rows[2].book->title, "Kindred");
  EXPECT_EQ(rows[3].author_id, 3);
  EXPECT_FALSE(rows[3].book.has_value());

  // The typed rows and PostgreSQL's JSON agree: a nested object, null for the absent book.
  const auto json = nlohmann::json::parse(db::authors_with_books_json(conn));
  ASSERT_EQ(json.size(), 4u);
  EXPECT_EQ(json[0]["b"]["title"], "The Dispossessed");
  EXPECT_EQ(json[0]["b"]["id"], 10);
  EXPECT_TRUE(json[3]["b"].is_null()) << json.dump();
  EXPECT_EQ(json, nlohmann::json(rows));
}

TEST_F(sqlc_compat, embed_of_a_whole_row_and_its_json) {
  const auto row = db::get_author_row(conn, 2);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->author.name, "Octavia Butler");
  EXPECT_FALSE(db::get_author_row(conn, 99).has_value());
  const auto json = nlohmann::json::parse(db::get_author_row_json(conn, 2).value());
  EXPECT_EQ(json["authors"]["name"], "Octavia Butler");
  EXPECT_TRUE(json["authors"]["email"].is_null());
  EXPECT_EQ(json, nlohmann::json(*row));
}

TEST_F(sqlc_compat, slice_matches_the_listed_ids_and_an_empty_list_matches_nothing) {
  const auto some = db::authors_by_ids(conn, {3, 1, 42});
  ASSERT_EQ(some.size(), 2u);
  EXPECT_EQ(some[0].id, 1);
  EXPECT_EQ(some[1].id, 3);
  EXPECT_EQ(some[1].name, "Ursula Vernon");
  EXPECT_TRUE(db::authors_by_ids(conn, {}).empty());

  EXPECT_EQ(db::authors_not_in(conn, {1, 3}), std::vector<std::int64_t>{2});
  EXPECT_EQ(db::authors_not_in(conn, {}), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(sqlc_compat, positional_and_named_parameters_mix_as_in_sqlc) {
  // `id >= $1 AND name <> @skip_name AND id <= $3`: the name is $2.
  EXPECT_EQ(db::mixed_parameters(conn, {1, "Octavia Butler", 3}),
            (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(db::mixed_parameters(conn, {2, "nobody", 2}), std::vector<std::int64_t>{2});
}

TEST_F(sqlc_compat, extension_types_from_the_dump_behave) {
  const auto found = db::author_by_email(conn, "ursula@EXAMPLE.org");  // citext
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, 1);
  EXPECT_EQ(found->email, std::optional<std::string>("Ursula@Example.org"));

  const auto similar = db::similar_names(conn, "Ursula");  // pg_trgm
  ASSERT_EQ(similar.size(), 2u);
  EXPECT_GT(similar[0].score, 0.0F);
}

}  // namespace
