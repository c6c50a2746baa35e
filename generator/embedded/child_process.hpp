#pragma once
// Starting the helper servers the embedded cluster and the tests run (postgres, initdb,
// pgbouncer): as the unprivileged user `nobody` when we are root (both refuse root), in their
// own session, output appended to a log file. Plus the small pieces every such server needs:
// a free loopback port, handing a folder to the server's user, and reading the log back.

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace soong::embedded {

/// The account a server process runs as: ourselves, or `nobody` when we are root.
struct run_as {
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

/// Ourselves, or `nobody` when the effective uid is 0; throws server_error when we are root
/// and there is no `nobody`.
[[nodiscard]] run_as server_account();

/// fork + (drop to `who`) + exec `argv` (argv[0] is a path), in its own session, stdin from
/// /dev/null, stdout and stderr appended to `log_path`. With `die_with_parent`, the child gets
/// SIGQUIT when the calling thread ends (Linux PR_SET_PDEATHSIG). Returns the child's pid.
[[nodiscard]] pid_t spawn(const std::vector<std::string>& argv, const std::string& log_path,
                          const run_as& who, bool die_with_parent);

/// Waits for `pid`; its exit code, 128 + signal when killed, or -1.
int wait_exit_code(pid_t pid);

/// True once `pid` has exited (it is reaped then), or when it is not our child.
[[nodiscard]] bool has_exited(pid_t pid);

/// Sends `signal` to `pid` and waits up to `grace` for it to exit; then SIGKILLs and reaps it.
void stop_child(pid_t pid, int signal, std::chrono::milliseconds grace);

/// How waiting for a server started as `pid` ended.
enum class startup { accepting, exited, timed_out };

/// Asks the server at `conninfo` every 20 ms with PQping until it accepts connections, the
/// process `pid` exits (reaped), or `limit` passes.
[[nodiscard]] startup wait_until_accepting(const std::string& conninfo, pid_t pid,
                                           std::chrono::milliseconds limit);

/// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0 and released). Another
/// process may take it before the server binds it: a server started on it retries with another
/// port when it exits saying so (postgres_lost_its_port, PgBouncer's "Address already in use").
[[nodiscard]] int free_tcp_port();

/// Whether a postgres log (of one start only) says the server stopped because another process
/// held its TCP port: PostgreSQL 15 logs `could not bind IPv4 address "127.0.0.1": Address
/// already in use`, then FATAL `could not create any TCP/IP sockets`.
[[nodiscard]] bool postgres_lost_its_port(const std::string& log);

/// The bytes `path` holds now (0 when it cannot be read): where the next start's log begins.
[[nodiscard]] std::size_t file_size_now(const std::string& path);

/// Gives `root` and everything below it to `who` (nothing to do unless switching users).
void chown_tree(const std::filesystem::path& root, const run_as& who);

/// The whole file, or "" when it cannot be read.
[[nodiscard]] std::string read_file(const std::string& path);

/// The last `max_lines` lines of `text` (for error messages quoting a server's log).
[[nodiscard]] std::string tail(const std::string& text, std::size_t max_lines = 20);

}  // namespace soong::embedded
