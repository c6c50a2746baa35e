// The empty-query liveness check.

#include "connection_health.hpp"

#include <libpq-fe.h>

namespace soong::detail {

bool responds(connection& conn) noexcept {
  PGconn* handle = conn.native_handle();
  if (handle == nullptr || PQstatus(handle) != CONNECTION_OK) return false;
  PGresult* res = PQexec(handle, "");
  const bool alive = res != nullptr && PQresultStatus(res) == PGRES_EMPTY_QUERY;
  PQclear(res);
  return alive && PQstatus(handle) == CONNECTION_OK;
}

}  // namespace soong::detail
