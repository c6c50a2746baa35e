#pragma once
// A fresh oracle database per test: a scratch database on the test harness's shared server
// (the same path `--database-url` takes), dropped when the test ends.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "oracle/describe.hpp"
#include "oracle/oracle_session.hpp"
#include "oracle/pg_handles.hpp"
#include "oracle/schema_apply.hpp"
#include "oracle/type_catalog.hpp"

namespace soong::gen::testing {

class oracle_test : public ::testing::Test {
 protected:
  void SetUp() override;

  [[nodiscard]] PGconn* conn() const { return session_->connection(); }

  /// Applies `sql` as one whole file `schema.sql`; fails the test on an error.
  void apply(std::string_view sql);

  /// Maps positions in `sql` as if it were the whole text of `file` (no rewriting).
  [[nodiscard]] static position_mapper identity_mapper(std::string sql,
                                                       std::string file = "query.sql");

  /// Describes `sql` with the identity mapper.
  [[nodiscard]] statement_description describe(std::string_view sql);

  std::unique_ptr<oracle_session> session_;
  std::unique_ptr<type_catalog> types_;
};

}  // namespace soong::gen::testing
