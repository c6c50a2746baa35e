#include "lifecycle/user_schema.hpp"

#include "oracle/pg_handles.hpp"
#include "oracle/user_objects_sql.hpp"
#include "soong/connection.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {

std::vector<std::string> user_tables(connection& conn) {
  const result rows = execute_sql(
      conn,
      "SELECT n.nspname || '.' || c.relname FROM pg_class c"
      " JOIN pg_namespace n ON n.oid = c.relnamespace"
      " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"
      "   AND" SOONG_USER_NAMESPACE("n") "AND n.nspname <> 'soong'"  // soong's own: its ledger
      "   AND" SOONG_NOT_FROM_EXTENSION("pg_class", "c.oid")
      " ORDER BY 1");
  std::vector<std::string> tables;
  for (int row = 0; row < rows.rows(); ++row) tables.push_back(rows.get<std::string>(row, 0));
  return tables;
}

void drop_user_schemas(connection& conn) {
  // public's owner and privileges differ between PostgreSQL versions (15 made it owned by
  // pg_database_owner and took CREATE from PUBLIC): restore what this database had.
  const result public_schema = execute_sql(
      conn, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public'");
  const bool had_public = public_schema.rows() == 1;
  const std::string public_owner = had_public ? public_schema.get<std::string>(0, 0) : "";
  const result grants =
      execute_sql(conn,
                  "SELECT format('GRANT %s ON SCHEMA public TO %s', a.privilege_type,"
                  "  CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END)"
                  " FROM pg_namespace n, aclexplode(n.nspacl) a"
                  " WHERE n.nspname = 'public' AND a.grantee <> n.nspowner");

  const result schemas =
      execute_sql(conn,
                  "SELECT n.nspname FROM pg_namespace n"
                  " WHERE" SOONG_USER_NAMESPACE("n") "AND n.nspname <> 'soong'"  // soong's own: its ledger
                  " ORDER BY n.nspname");
  for (int row = 0; row < schemas.rows(); ++row) {
    execute_script(conn, "DROP SCHEMA " +
                             oracle_detail::quote_identifier(conn.native_handle(),
                                                             schemas.get<std::string>(row, 0)) +
                             " CASCADE");
  }
  if (!had_public) return;
  // regrole::text is already a quoted identifier.
  execute_script(conn, "CREATE SCHEMA public AUTHORIZATION " + public_owner);
  for (int row = 0; row < grants.rows(); ++row) {
    execute_script(conn, grants.get<std::string>(row, 0));
  }
}

}  // namespace soong::gen::lifecycle
