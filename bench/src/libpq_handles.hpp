#pragma once
// RAII handles and error checks for the hand-written raw libpq clients (binary and text).

#include <libpq-fe.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "bench_common.hpp"

namespace soong::bench {

using connection_ptr = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

inline connection_ptr connect(const run_options& options) {
  connection_ptr conn(PQconnectdb(options.conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(std::string("connect: ") + PQerrorMessage(conn.get()));
  }
  return conn;
}

/// Throws unless `res` has the `expected` status.
inline void check(PGconn* conn, const PGresult* res, ExecStatusType expected, const char* what) {
  if (PQresultStatus(res) != expected) {
    throw std::runtime_error(std::string(what) + ": " + PQerrorMessage(conn));
  }
}

/// Runs SQL without parameters (BEGIN, COMMIT, TRUNCATE, ...).
inline void exec(PGconn* conn, const char* sql) {
  result_ptr res(PQexec(conn, sql), &PQclear);
  if (PQresultStatus(res.get()) != PGRES_COMMAND_OK &&
      PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error(std::string(sql) + ": " + PQerrorMessage(conn));
  }
}

}  // namespace soong::bench
