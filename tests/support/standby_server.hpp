#pragma once
// A hot standby of a throwaway primary (soong::embedded::server started with `listen_tcp`),
// for tests of soong::cluster: `pg_basebackup -R` over loopback into a private folder, then
// `postgres` on its own loopback port, streaming from the primary. Stopped and removed on
// destruction. Like the primary, it runs as `nobody` when we are root (postgres refuses root).
//
// Never skips: a missing pg_basebackup or a standby that does not start throws
// std::runtime_error quoting its log.

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "embedded_server.hpp"

namespace soong::testing {

/// One running standby.
class standby_server {
 public:
  /// Copies `primary` with pg_basebackup (it must listen on TCP and allow replication
  /// connections, which initdb's trust rules do) and starts the copy as a hot standby with the
  /// extra `settings` lines in postgresql.conf, on `preferred_port` (0: a free one). When that
  /// port is taken before the standby binds it, the standby starts on another (see port()).
  explicit standby_server(const soong::embedded::server& primary,
                          std::vector<std::string> settings = {}, int preferred_port = 0);
  ~standby_server();
  standby_server(const standby_server&) = delete;
  standby_server& operator=(const standby_server&) = delete;

  /// libpq conninfo over loopback TCP.
  [[nodiscard]] std::string tcp_conninfo(std::string_view dbname = "postgres") const;
  [[nodiscard]] int port() const { return port_; }
  /// The standby's log so far.
  [[nodiscard]] std::string log() const;

  /// Fast shutdown.
  void stop();

 private:
  /// Starts postgres and waits until it accepts connections; false when it exited because
  /// another process held its TCP port.
  [[nodiscard]] bool launch();

  std::string bin_dir_;
  std::string folder_;
  std::string data_dir_;
  std::string log_path_;
  int port_ = 0;
  pid_t pid_ = -1;
};

/// Waits until `standby` has replayed everything `primary` has written so far (its
/// pg_last_wal_replay_lsn() reaches the primary's pg_current_wal_insert_lsn(), which includes
/// commits not yet flushed); throws std::runtime_error after 30 s.
void wait_for_replay(const std::string& primary_conninfo, const std::string& standby_conninfo);

}  // namespace soong::testing
