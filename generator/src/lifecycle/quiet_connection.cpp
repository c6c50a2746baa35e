#include "lifecycle/quiet_connection.hpp"

#include <libpq-fe.h>

namespace soong::gen::lifecycle {

connection connect_quietly(const database_target& target) {
  connection conn(target.config());
  PQsetNoticeProcessor(
      conn.native_handle(), [](void*, const char*) {}, nullptr);
  return conn;
}

}  // namespace soong::gen::lifecycle
