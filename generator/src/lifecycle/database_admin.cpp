#include "lifecycle/database_admin.hpp"

#include "oracle/pg_handles.hpp"
#include "soong/connection.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {

bool database_exists(connection& conn, std::string_view name) {
  const result found = execute_sql(
      conn, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", std::string(name));
  return found.get<bool>(0, 0);
}

void create_database(connection& maintenance, std::string_view name) {
  // CREATE DATABASE takes no parameters: the name goes in as a quoted identifier.
  execute_script(maintenance, "CREATE DATABASE " + oracle_detail::quote_identifier(
                                                       maintenance.native_handle(), name));
}

void drop_database(connection& maintenance, std::string_view name, bool force) {
  execute_script(maintenance,
                 "DROP DATABASE " +
                     oracle_detail::quote_identifier(maintenance.native_handle(), name) +
                     (force ? " WITH (FORCE)" : ""));
}

}  // namespace soong::gen::lifecycle
