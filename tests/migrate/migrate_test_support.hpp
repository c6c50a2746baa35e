#pragma once
// A migrations folder and a fresh database per test, and `soong migrate` run against them.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "run_soong.hpp"

namespace soong::testing {

class migrate_test : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// Writes `migrations/<name>` (bytes as given: CRLF stays CRLF).
  void write_migration(const std::string& name, const std::string& text) const;
  void remove_migration(const std::string& name) const;

  /// `soong migrate <args>` in the test's folder with DATABASE_URL set to its database.
  [[nodiscard]] command_result migrate(const std::string& args) const;

  /// The first column of the first row as text ("" for no row, "NULL" for a null).
  [[nodiscard]] std::string query(const std::string& sql) const;
  /// Runs SQL for setup.
  void run(const std::string& sql) const;
  /// The ledger's versions, comma-separated, oldest first ("" when there is no ledger).
  [[nodiscard]] std::string ledger() const;
  /// Whether `name` is a relation in the database.
  [[nodiscard]] bool has_relation(const std::string& name) const;

  std::filesystem::path folder_;
  std::string database_;
};

}  // namespace soong::testing
