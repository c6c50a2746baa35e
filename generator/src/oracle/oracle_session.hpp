#pragma once
// The type oracle's database: a fresh, private PostgreSQL database that the schema is applied
// to and every query is described against (docs/design.md, "PostgreSQL is the type checker").

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "embedded_server.hpp"
#include "oracle/pg_handles.hpp"

namespace soong::gen {

/// The oracle could not connect, or could not create or use its scratch database; the message
/// names the server and quotes libpq. (A missing server binary is soong::embedded::server_error.)
class oracle_session_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where the oracle's database comes from.
struct oracle_session_options {
  /// An existing server (`--database-url`: a libpq URL or conninfo). soong creates a scratch
  /// database `soong_scratch_<random>` there and drops it when the session ends. Empty: start
  /// the embedded throwaway server instead.
  std::optional<std::string> database_url;
  /// How to start the embedded server (ignored with `database_url`).
  soong::embedded::server_options server;
};

/// A connection to a fresh database, plus whatever must be cleaned up after it: the embedded
/// server (stopped and deleted) or the scratch database (dropped), also when unwinding from an
/// exception. Not copyable or movable (the embedded server's address is registered for
/// signal cleanup).
class oracle_session {
 public:
  /// Starts the embedded server or creates the scratch database, and connects. Throws
  /// soong::embedded::server_error or oracle_session_error.
  [[nodiscard]] static std::unique_ptr<oracle_session> open(
      const oracle_session_options& options = {});
  ~oracle_session();
  oracle_session(const oracle_session&) = delete;
  oracle_session& operator=(const oracle_session&) = delete;

  /// The connection to the fresh database. Server notices are discarded (a schema's
  /// `CREATE ... IF NOT EXISTS` notices are not the user's business at build time).
  [[nodiscard]] PGconn* connection() const { return conn_.get(); }
  /// Name of the database the connection uses.
  [[nodiscard]] const std::string& database_name() const { return database_name_; }
  /// PQserverVersion, e.g. 150018.
  [[nodiscard]] int server_version_num() const { return PQserverVersion(conn_.get()); }
  /// The server's major version, e.g. 15 (part of the cache key).
  [[nodiscard]] int server_major_version() const { return server_version_num() / 10000; }
  /// The embedded server, or nullptr with `database_url`.
  [[nodiscard]] const soong::embedded::server* embedded_server() const { return server_.get(); }

 private:
  oracle_session() = default;
  void drop_scratch_database() noexcept;

  std::unique_ptr<soong::embedded::server> server_;
  oracle_detail::connection_ptr admin_conn_;  // held open to DROP the scratch database
  oracle_detail::connection_ptr conn_;
  std::string database_name_;
  bool owns_database_ = false;
};

}  // namespace soong::gen
