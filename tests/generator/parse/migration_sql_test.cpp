// The migration runner's view of migration SQL (parse/migration_sql.hpp, and the down sections
// of parse/schema_input.hpp): file names, directives, checksum tokens, statements and what
// cannot run inside a transaction.
#include "parse/migration_sql.hpp"

#include <gtest/gtest.h>

#include "parse/schema_input.hpp"

namespace soong::gen {
namespace {

std::vector<std::string> texts(const std::vector<checksum_token>& tokens) {
  std::vector<std::string> out;
  for (const checksum_token& t : tokens) out.push_back(t.text);
  return out;
}

TEST(migration_file_name, reads_the_formats_of_dbmate_goose_golang_migrate_and_sqlx) {
  auto name = parse_migration_file_name("20240102030405_add_bio.sql");
  ASSERT_TRUE(name);
  EXPECT_EQ(name->version, 20240102030405u);
  EXPECT_EQ(name->name, "add_bio");
  EXPECT_EQ(name->part, migration_file_name::part::both);
  name = parse_migration_file_name("0003_add_bio.down.sql");
  ASSERT_TRUE(name);
  EXPECT_EQ(name->version, 3u);
  EXPECT_EQ(name->version_text, "0003");
  EXPECT_EQ(name->part, migration_file_name::part::down);
  EXPECT_EQ(parse_migration_file_name("3_add_bio.up.sql")->part, migration_file_name::part::up);
  EXPECT_FALSE(parse_migration_file_name("schema.sql"));
  EXPECT_FALSE(parse_migration_file_name("2024_.sql"));
  EXPECT_FALSE(parse_migration_file_name("2024-add.sql"));
  EXPECT_FALSE(parse_migration_file_name("99999999999999999999_too_long.sql"));
}

TEST(migration_directives, reads_no_transaction_and_lock_timeout) {
  EXPECT_TRUE(read_migration_directives("-- migrate:no-transaction\nSELECT 1;").no_transaction);
  EXPECT_TRUE(read_migration_directives("-- migrate:up transaction:false\n").no_transaction);
  EXPECT_TRUE(read_migration_directives("-- +goose NO TRANSACTION\n").no_transaction);
  EXPECT_FALSE(read_migration_directives("SELECT '-- migrate:no-transaction';").no_transaction);
  EXPECT_EQ(read_migration_directives("-- migrate:lock_timeout 10s\r\n").lock_timeout, "10s");
  EXPECT_FALSE(read_migration_directives("SELECT 1;").lock_timeout);
}

TEST(checksum_tokens, ignore_comments_whitespace_line_endings_and_folded_case) {
  const auto a = texts(checksum_tokens("ALTER TABLE users ADD COLUMN bio text;\n"));
  const auto b = texts(
      checksum_tokens("-- why\r\nalter table Users\r\n  add /* note */ column BIO TEXT ;\r\n"));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, texts(checksum_tokens("ALTER TABLE users ADD COLUMN bio varchar;")));
  EXPECT_NE(a, texts(checksum_tokens("ALTER TABLE \"Users\" ADD COLUMN bio text;")));
  EXPECT_NE(texts(checksum_tokens("SELECT 'a';")), texts(checksum_tokens("SELECT 'A';")));
}

TEST(migration_analysis, finds_statements_that_cannot_run_in_a_transaction) {
  const std::string sql =
      "CREATE TABLE t (id int);\n-- index it\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n";
  const migration_analysis a = analyse_migration_sql(sql, 150000);
  ASSERT_EQ(a.statements.size(), 2u);
  EXPECT_EQ(sql.substr(a.statements[1].begin, a.statements[1].end - a.statements[1].begin),
            "CREATE INDEX CONCURRENTLY t_id ON t (id);");
  EXPECT_EQ(a.needs_no_transaction, "CREATE INDEX CONCURRENTLY at line 3");
  EXPECT_EQ(analyse_migration_sql("VACUUM t;", 150000).needs_no_transaction, "VACUUM at line 1");
  EXPECT_EQ(analyse_migration_sql("ANALYZE t;", 150000).needs_no_transaction, "");
  EXPECT_EQ(analyse_migration_sql("CREATE DATABASE x;", 150000).needs_no_transaction,
            "CREATE DATABASE at line 1");
  EXPECT_EQ(analyse_migration_sql("DROP INDEX CONCURRENTLY i;", 150000).needs_no_transaction,
            "DROP INDEX CONCURRENTLY at line 1");
  EXPECT_EQ(analyse_migration_sql("REINDEX (CONCURRENTLY) INDEX i;", 150000).needs_no_transaction,
            "REINDEX CONCURRENTLY at line 1");
  const std::string add_value = "ALTER TYPE mood ADD VALUE 'meh';";
  EXPECT_EQ(analyse_migration_sql(add_value, 150000).needs_no_transaction, "");
  EXPECT_EQ(analyse_migration_sql(add_value, 110000).needs_no_transaction,
            "ALTER TYPE ... ADD VALUE (before PostgreSQL 12) at line 1");
  EXPECT_EQ(analyse_migration_sql("CREATE INDEX t_id ON t (id);", 150000).needs_no_transaction, "");
}

TEST(migration_analysis, reports_transaction_control_and_syntax_errors) {
  const migration_analysis commit = analyse_migration_sql("SELECT 1;\nCOMMIT;", 150000);
  EXPECT_EQ(commit.transaction_control_at, 10u);
  const migration_analysis broken = analyse_migration_sql("SELECT 1;\nALTER TABLE;", 150000);
  ASSERT_TRUE(broken.syntax_error);
  EXPECT_EQ(broken.syntax_error_at, 21u);
}

TEST(down_migration_text, keeps_only_the_down_sections_in_place) {
  const std::string text = "-- migrate:up\nCREATE TABLE t ();\n-- migrate:down\nDROP TABLE t;\n";
  const std::string down = down_migration_text(text);
  EXPECT_EQ(down.size(), text.size());
  EXPECT_EQ(down.find("CREATE"), std::string::npos);
  EXPECT_EQ(down.find("DROP TABLE t;"), text.find("DROP TABLE t;"));
  EXPECT_EQ(texts(checksum_tokens(down_migration_text("CREATE TABLE t ();"))).size(), 0u);
}

TEST(select_migration_sql, orders_versions_as_integers) {
  const auto selected = select_migration_sql(
      {{"m/10_b.sql", "SELECT 10;"}, {"m/9_a.sql", "SELECT 9;"}, {"m/11_c.down.sql", "SELECT 0;"}});
  ASSERT_EQ(selected.size(), 2u);
  EXPECT_EQ(selected[0].path, "m/9_a.sql");
  EXPECT_EQ(selected[1].path, "m/10_b.sql");
}

}  // namespace
}  // namespace soong::gen
