#pragma once
// The database the PgBouncer tests run against: fresh, with tests/pgbouncer/schema.sql applied.

#include <string>

#include "test_files.hpp"
#include "test_server.hpp"

namespace pgbouncer_test {

/// A fresh database on the shared cluster with schema.sql applied; returns its name (PgBouncer
/// routes by name).
[[nodiscard]] inline std::string database_with_schema() {
  const std::string name = soong::testing::fresh_database_name();
  soong::testing::run_sql(
      soong::testing::conninfo(name),
      soong::testing::read_file(std::string(SOONG_PGBOUNCER_TEST_DIR) + "/schema.sql"));
  return name;
}

}  // namespace pgbouncer_test
