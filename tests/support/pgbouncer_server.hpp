#pragma once
// A real PgBouncer in front of the shared test cluster (test_server.hpp), for tests of how
// soong behaves behind a pooler. Each pgbouncer_server is its own pgbouncer process on a free
// loopback port with its own private folder (pgbouncer.ini, userlist, log), stopped and
// removed on destruction, also when a test fails. Every database of the cluster is reachable
// through it by name; authentication is trust, as on the cluster's socket.
//
// Never skips: a missing pgbouncer binary or a pgbouncer that does not start throws
// std::runtime_error quoting its log. When we are root, pgbouncer runs as `nobody` (it refuses
// root), like the cluster. It is killed if the thread that started it ends first, so create
// it on the thread that uses it (a test body), not on a short-lived worker thread.

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

namespace soong::testing {

/// How to start a pgbouncer_server.
struct pgbouncer_options {
  /// `transaction`, `session` or `statement`.
  std::string pool_mode = "transaction";
  /// Server connections per database and user.
  int default_pool_size = 2;
  /// Extra `[pgbouncer]` lines, e.g. `"query_wait_timeout = 5"`.
  std::vector<std::string> settings;
  /// The pgbouncer executable; empty: `$SOONG_PGBOUNCER`, else `/usr/sbin/pgbouncer`.
  std::string binary;
};

/// One running pgbouncer in front of shared_server().
class pgbouncer_server {
 public:
  /// Writes the configuration, starts pgbouncer and waits until it accepts connections;
  /// throws std::runtime_error with pgbouncer's log when it cannot.
  explicit pgbouncer_server(pgbouncer_options options = {});
  ~pgbouncer_server();
  pgbouncer_server(const pgbouncer_server&) = delete;
  pgbouncer_server& operator=(const pgbouncer_server&) = delete;

  /// libpq conninfo for the cluster's database `dbname`, through pgbouncer (loopback TCP).
  [[nodiscard]] std::string conninfo(std::string_view dbname) const;
  /// libpq conninfo for pgbouncer's admin console (`SHOW POOLS`, `SHOW CONFIG`, ...); the
  /// console answers the simple query protocol only.
  [[nodiscard]] std::string admin_conninfo() const;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] const std::string& folder() const { return folder_; }
  /// pgbouncer's log so far.
  [[nodiscard]] std::string log() const;

 private:
  [[nodiscard]] std::string binary_path() const;
  void write_configuration() const;
  /// Starts pgbouncer on port_; false when the port was taken meanwhile (try another one).
  [[nodiscard]] bool launch(const std::string& binary);
  void stop();

  pgbouncer_options options_;
  std::string folder_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace soong::testing
