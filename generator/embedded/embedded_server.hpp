#pragma once
// A throwaway PostgreSQL cluster: `initdb` into a private temp folder, `postgres` on a Unix
// socket there (optionally also loopback TCP), fsync off; stopped and deleted on destruction.
// This is the generator's "embedded default" type oracle (docs/design.md) and the tests' server.
//
// Runs as root too: initdb refuses root, so when the effective uid is 0 the server processes
// run as the unprivileged user `nobody` and the temp folder is handed to that user.

#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace soong::embedded {

/// Why a server could not be found, started or stopped; the message says what to do.
class server_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// How to start a server.
struct server_options {
  /// Folder with `initdb` and `postgres`; empty: `$SOONG_PG_BINDIR`, `pg_config --bindir`,
  /// then the newest `/usr/lib/postgresql/*/bin`.
  std::string bin_dir;
  /// Also listen on 127.0.0.1 at a free port (for TCP/TLS tests and benchmarks). When another
  /// process takes that port before postgres binds it, the server tries another (port() says
  /// which it got).
  bool listen_tcp = false;
  /// With `listen_tcp`: the port to try first (0: a free one). Like a free port taken meanwhile,
  /// a port in use is left for another, so this is a wish, not a promise.
  int preferred_tcp_port = 0;
  /// Extra `postgresql.conf` lines, e.g. `"ssl = on"`.
  std::vector<std::string> settings;
  /// Lines put before the default `pg_hba.conf` rules (first match wins).
  std::vector<std::string> hba_lines;
  /// Files to copy into the data folder before the first start (name → source path), e.g.
  /// TLS certificates; they are made readable by the server's user.
  std::vector<std::pair<std::string, std::string>> data_files;
  /// Kill the server when the thread that started it dies (Linux PR_SET_PDEATHSIG), so a
  /// generator killed with SIGKILL leaves no server behind. Leave off when the starting
  /// thread may end before the server should (thread pools).
  bool die_with_starting_thread = false;
};

/// Finds the folder holding `initdb` and `postgres`, or nullopt.
[[nodiscard]] std::optional<std::string> find_bin_dir();

/// One running throwaway cluster. Not copyable or movable: its address is registered for
/// cleanup on SIGINT/SIGTERM (see install_signal_cleanup).
class server {
 public:
  /// initdb + start; throws server_error with initdb's or postgres's log on failure.
  [[nodiscard]] static std::unique_ptr<server> start(const server_options& options = {});
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// libpq conninfo over the Unix socket, superuser `postgres`, trust authentication.
  [[nodiscard]] std::string conninfo(std::string_view dbname = "postgres") const;
  /// libpq conninfo over loopback TCP; requires `listen_tcp`.
  [[nodiscard]] std::string tcp_conninfo(std::string_view dbname = "postgres") const;

  [[nodiscard]] const std::string& socket_dir() const { return root_dir_; }
  [[nodiscard]] const std::string& data_dir() const { return data_dir_; }
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] pid_t pid() const { return postmaster_pid_; }

  /// Fast shutdown (SIGINT: rolls back open transactions, disconnects clients).
  void stop();
  /// Starts a stopped server again with the same folder and port (throws server_error when
  /// another process has taken the port meanwhile: clients keep their conninfo).
  void start_again();
  /// stop() then start_again(): clients see their connections closed.
  void restart();
  /// Immediate shutdown (SIGQUIT, as `pg_ctl stop -m immediate`): no checkpoint, every client
  /// cut at once, as in a crash; start_again() then runs crash recovery.
  void stop_immediately();

 private:
  server() = default;
  void launch_postmaster();
  /// Starts postgres; false when it exited because another process held its TCP port.
  [[nodiscard]] bool try_launch_postmaster();
  void stop_with(int signal);
  /// Waits for the postmaster; `log_start` is where this start's lines begin in the log.
  [[nodiscard]] bool wait_until_ready(std::size_t log_start);

  server_options options_;
  std::string bin_dir_;
  std::string root_dir_;  // private temp folder: socket, log, data
  std::string data_dir_;
  std::string log_path_;
  int port_ = 0;
  pid_t postmaster_pid_ = -1;
};

/// Installs SIGINT/SIGTERM/SIGHUP handlers that shut down every live server immediately and
/// delete its folder, then re-raise the signal. For command-line tools (the generator).
void install_signal_cleanup();

}  // namespace soong::embedded
