#pragma once
// A fresh database with Cruddur's schema and seed (sql/), on the test binary's throwaway server.

#include <gtest/gtest.h>

#include <cstdint>
#include <soong/soong.hpp>
#include <string>

#include "test_files.hpp"
#include "test_server.hpp"

namespace cruddur_test {

inline std::string read_source_file(const std::string& relative_path) {
  return soong::testing::read_file(std::string(SOONG_SOURCE_DIR) + "/" + relative_path);
}

/// A new database loaded with sql/schema.sql and sql/seed.sql; returns its conninfo.
inline std::string seeded_database() {
  const std::string conninfo = soong::testing::seeded_database(read_source_file("sql/schema.sql"));
  soong::testing::run_sql(conninfo, read_source_file("sql/seed.sql"));
  return conninfo;
}

/// `SELECT count(*) FROM <table>`, for asserting what was (not) inserted.
inline std::int64_t count_rows(soong::connection& conn, const std::string& table) {
  return soong::execute_sql(conn, "SELECT count(*) FROM " + table).get<std::int64_t>(0, 0);
}

/// Each test gets its own seeded database and a connection to it.
class cruddur_database : public ::testing::Test {
 protected:
  std::string conninfo_ = seeded_database();
  soong::connection conn_{conninfo_};
};

}  // namespace cruddur_test
