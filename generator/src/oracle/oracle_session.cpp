#include "oracle/oracle_session.hpp"

#include <fmt/format.h>

#include <random>

namespace soong::gen {
namespace {

using oracle_detail::connection_ptr;

void ignore_notice(void*, const char*) {}

// A URL or conninfo with its dbname replaced: libpq expands only the first `dbname` keyword
// as a connection string and lets later keywords override what it contained
// (https://www.postgresql.org/docs/15/libpq-connect.html, PQconnectdbParams, expand_dbname).
connection_ptr connect(const std::string& url, const std::string* dbname_override) {
  const char* keywords[] = {"dbname", dbname_override ? "dbname" : nullptr, nullptr};
  const char* values[] = {url.c_str(), dbname_override ? dbname_override->c_str() : nullptr,
                          nullptr};
  connection_ptr conn(PQconnectdbParams(keywords, values, /*expand_dbname=*/1));
  if (conn == nullptr || PQstatus(conn.get()) != CONNECTION_OK) {
    std::string why = conn ? PQerrorMessage(conn.get()) : "out of memory";
    while (!why.empty() && why.back() == '\n') why.pop_back();
    throw oracle_session_error(
        fmt::format("type oracle: cannot connect to the database server{}: {}",
                    dbname_override ? fmt::format(" (database {})", *dbname_override) : "", why));
  }
  PQsetNoticeProcessor(conn.get(), ignore_notice, nullptr);
  return conn;
}

std::string random_database_name() {
  std::random_device device;
  std::mt19937_64 engine((static_cast<std::uint64_t>(device()) << 32) ^ device());
  return fmt::format("soong_scratch_{:016x}", engine());
}

void exec_or_throw(PGconn* conn, const std::string& sql, std::string_view what) {
  oracle_detail::result_ptr result(PQexec(conn, sql.c_str()));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    std::string why = result ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn);
    while (!why.empty() && why.back() == '\n') why.pop_back();
    throw oracle_session_error(fmt::format("type oracle: cannot {}: {}", what, why));
  }
}

}  // namespace

std::unique_ptr<oracle_session> oracle_session::open(const oracle_session_options& options) {
  std::unique_ptr<oracle_session> session(new oracle_session());
  if (!options.database_url) {
    // The embedded cluster is private and new, so its `postgres` database is already fresh.
    session->server_ = soong::embedded::server::start(options.server);
    session->database_name_ = "postgres";
    session->conn_ = connect(session->server_->conninfo("postgres"), nullptr);
    return session;
  }
  session->admin_conn_ = connect(*options.database_url, nullptr);
  session->database_name_ = random_database_name();
  // template0: the scratch database must not inherit objects someone added to template1.
  exec_or_throw(session->admin_conn_.get(),
                fmt::format("CREATE DATABASE {} TEMPLATE template0",
                            oracle_detail::quote_identifier(session->admin_conn_.get(),
                                                            session->database_name_)),
                fmt::format("create the scratch database {}", session->database_name_));
  session->owns_database_ = true;  // from here the destructor drops it, also when throwing
  session->conn_ = connect(*options.database_url, &session->database_name_);
  return session;
}

oracle_session::~oracle_session() {
  conn_.reset();
  drop_scratch_database();
  admin_conn_.reset();
  server_.reset();
}

void oracle_session::drop_scratch_database() noexcept {
  if (!owns_database_ || !admin_conn_) return;
  try {
    // WITH (FORCE) (PostgreSQL 13+) also ends connections a crashed describe left behind.
    const std::string name = oracle_detail::quote_identifier(admin_conn_.get(), database_name_);
    const std::string sql = PQserverVersion(admin_conn_.get()) >= 130000
                                ? fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
                                : fmt::format("DROP DATABASE IF EXISTS {}", name);
    oracle_detail::result_ptr result(PQexec(admin_conn_.get(), sql.c_str()));
  } catch (...) {
    // A destructor must not throw; a leftover scratch database is named soong_scratch_*.
  }
  owns_database_ = false;
}

}  // namespace soong::gen
