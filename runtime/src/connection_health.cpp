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

bool responds_by(connection& conn, deadline_clock::time_point deadline) noexcept {
  try {
    const deadline_scope scope(conn, deadline);
    // The use arms the deadline's watch (and throws when the deadline has already passed).
    const connection_use use(conn, "soong::pool idle check");
    return responds(conn);
  } catch (...) {
    return false;
  }
}

}  // namespace soong::detail
