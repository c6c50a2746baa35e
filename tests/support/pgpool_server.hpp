#pragma once
// A real Pgpool-II in streaming-replication mode with load balancing, in front of a primary and
// its standbys (tests/replica/replica_set.hpp), for tests of soong behind Pgpool-II. Its own
// private folder (pgpool.conf, pcp.conf, pool_hba.conf, log) and loopback port; stopped and
// removed on destruction. Runs as `nobody` when we are root, like the servers.
//
// Never skips: a missing pgpool binary or a pgpool that does not start throws
// std::runtime_error quoting its log.

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

namespace soong::testing {

/// One backend: loopback port and load-balancing weight (0: never chosen for reads).
struct pgpool_backend {
  int port = 0;
  int weight = 1;
};

/// One running pgpool.
class pgpool_server {
 public:
  /// Writes the configuration for `backends` (the primary first), starts pgpool and waits
  /// until it accepts connections; throws std::runtime_error with pgpool's log when it cannot.
  explicit pgpool_server(std::vector<pgpool_backend> backends,
                         std::vector<std::string> settings = {});
  ~pgpool_server();
  pgpool_server(const pgpool_server&) = delete;
  pgpool_server& operator=(const pgpool_server&) = delete;

  /// libpq conninfo for database `dbname` through pgpool (loopback TCP).
  [[nodiscard]] std::string conninfo(std::string_view dbname = "postgres") const;
  [[nodiscard]] int port() const { return port_; }
  /// pgpool's log so far.
  [[nodiscard]] std::string log() const;

 private:
  void write_configuration() const;
  [[nodiscard]] bool launch();
  void stop();

  std::vector<pgpool_backend> backends_;
  std::vector<std::string> settings_;
  std::string folder_;
  int port_ = 0;
  int pcp_port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace soong::testing
