#include "lifecycle/database_admin.hpp"

#include <libpq-fe.h>

#include <memory>

#include "soong/connection.hpp"
#include "soong/error.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {

bool database_exists(connection& conn, std::string_view name) {
  const result found = execute_sql(
      conn, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", std::string(name));
  return found.get<bool>(0, 0);
}

std::string quoted_identifier(connection& conn, std::string_view name) {
  const std::unique_ptr<char, decltype(&PQfreemem)> quoted(
      PQescapeIdentifier(conn.native_handle(), name.data(), name.size()), &PQfreemem);
  if (quoted == nullptr) throw soong::error("cannot quote the database name");
  return quoted.get();
}

void create_database(connection& maintenance, std::string_view name) {
  // CREATE DATABASE takes no parameters: the name goes in as a quoted identifier.
  execute_script(maintenance, "CREATE DATABASE " + quoted_identifier(maintenance, name));
}

void drop_database(connection& maintenance, std::string_view name, bool force) {
  execute_script(maintenance, "DROP DATABASE " + quoted_identifier(maintenance, name) +
                                  (force ? " WITH (FORCE)" : ""));
}

}  // namespace soong::gen::lifecycle
