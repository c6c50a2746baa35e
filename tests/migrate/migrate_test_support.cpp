#include "migrate_test_support.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <stdexcept>

#include "test_server.hpp"

namespace soong::testing {

void migrate_test::SetUp() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  folder_ = std::filesystem::temp_directory_path() /
            ("soong_migrate_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder_);
  std::filesystem::create_directories(folder_ / "migrations");
  database_ = fresh_database();
}

void migrate_test::TearDown() { std::filesystem::remove_all(folder_); }

void migrate_test::write_migration(const std::string& name, const std::string& text) const {
  std::ofstream out(folder_ / "migrations" / name, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + name);
}

void migrate_test::remove_migration(const std::string& name) const {
  if (!std::filesystem::remove(folder_ / "migrations" / name)) {
    throw std::runtime_error("no migration " + name + " to remove");
  }
}

command_result migrate_test::migrate(const std::string& args) const {
  return run_soong_in(folder_.string(), "migrate " + args,
                      "DATABASE_URL=" + shell_quote(database_));
}

std::string migrate_test::query(const std::string& sql) const {
  const std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(database_.c_str()),
                                                          &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(PQerrorMessage(conn.get()));
  }
  const std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), sql.c_str()),
                                                          &PQclear);
  if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error(sql + ": " + PQresultErrorMessage(res.get()));
  }
  if (PQntuples(res.get()) == 0) return "";
  if (PQgetisnull(res.get(), 0, 0) != 0) return "NULL";
  return PQgetvalue(res.get(), 0, 0);
}

void migrate_test::run(const std::string& sql) const { run_sql(database_, sql); }

std::string migrate_test::ledger() const {
  if (query("SELECT to_regclass('soong.schema_migrations') IS NOT NULL") != "t") return "";
  return query(
      "SELECT coalesce(string_agg(version::text, ',' ORDER BY version), '') FROM "
      "soong.schema_migrations");
}

bool migrate_test::has_relation(const std::string& name) const {
  return query("SELECT to_regclass('" + name + "') IS NOT NULL") == "t";
}

}  // namespace soong::testing
