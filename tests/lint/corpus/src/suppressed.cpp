// Findings silenced with `// soong-lint: allow(...)`: on the line, or on the line before.

#include <soong/soong.hpp>
#include <string>

namespace shop {

void maintenance(soong::connection& conn, const std::string& table) {
  soong::execute_script(conn, "ANALYZE " + table);  // soong-lint: allow(raw-sql)
  // soong-lint: allow(raw-sql) table names come from our own migration list
  soong::execute_script(conn, "VACUUM " + table);
  // soong-lint: allow(dead-query, raw-sql)
  soong::execute_script(conn, "REINDEX TABLE " + table);
  // soong-lint: allow(dead-query) names the wrong check, so the next line is still reported
  soong::execute_script(conn, "CLUSTER " + table);
}

}  // namespace shop
