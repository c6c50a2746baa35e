// Seeded raw-sql findings: every call below builds its SQL at run time. lint_test.cpp asserts
// each one's exact line and column; keep the lines where they are.

#include <fmt/format.h>

#include <soong/soong.hpp>
#include <string>
#include <string_view>

namespace shop {

void concatenated(soong::connection& conn, const std::string& table) {
  (void)soong::execute_sql(conn, "SELECT count(*) FROM " + table);
}

void appended(soong::connection& conn, std::string_view handle) {
  std::string sql = "SELECT uuid FROM users WHERE handle = '";
  sql += handle;
  sql += "'";
  (void)soong::execute_sql(conn, sql);
}

void formatted(soong::connection& conn, int days) {
  soong::execute_script(conn, fmt::format("DELETE FROM items WHERE age > {}", days));
}

void passed_through(soong::connection& conn, std::string_view statement) {
  soong::execute_script(conn, statement);
}

std::string mutable_global = "SELECT 1";

void non_constant_global(soong::connection& conn) {
  (void)soong::execute_sql(conn, mutable_global);
}

}  // namespace shop
