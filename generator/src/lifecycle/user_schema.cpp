#include "lifecycle/user_schema.hpp"

#include "lifecycle/database_admin.hpp"
#include "soong/connection.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {

std::vector<std::string> user_tables(connection& conn) {
  const result rows = execute_sql(
      conn,
      "SELECT n.nspname || '.' || c.relname FROM pg_class c"
      " JOIN pg_namespace n ON n.oid = c.relnamespace"
      " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"
      "  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'soong')"
      "  AND n.nspname NOT LIKE 'pg\\_%'"
      "  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
      "   AND d.objid = c.oid AND d.deptype = 'e')"
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
                  "SELECT nspname FROM pg_namespace"
                  " WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'soong')"
                  "  AND nspname NOT LIKE 'pg\\_%' ORDER BY nspname");
  for (int row = 0; row < schemas.rows(); ++row) {
    execute_script(
        conn,
        "DROP SCHEMA " + quoted_identifier(conn, schemas.get<std::string>(row, 0)) + " CASCADE");
  }
  if (!had_public) return;
  // regrole::text is already a quoted identifier.
  execute_script(conn, "CREATE SCHEMA public AUTHORIZATION " + public_owner);
  for (int row = 0; row < grants.rows(); ++row) {
    execute_script(conn, grants.get<std::string>(row, 0));
  }
}

}  // namespace soong::gen::lifecycle
