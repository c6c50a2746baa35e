#include "child_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "embedded_server.hpp"

namespace soong::embedded {
namespace fs = std::filesystem;

run_as server_account() {
  if (geteuid() != 0) return {};
  const passwd* pw = getpwnam("nobody");
  if (pw == nullptr) {
    throw server_error(
        "running as root, and PostgreSQL and PgBouncer refuse to run as root, but there is no "
        "user 'nobody' to run them as; run as an ordinary user or pass --database-url");
  }
  return {true, pw->pw_uid, pw->pw_gid};
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string tail(const std::string& text, std::size_t max_lines) {
  std::size_t pos = text.size();
  for (std::size_t n = 0; n <= max_lines && pos > 0; ++n) {
    pos = text.rfind('\n', pos - 1);
    if (pos == std::string::npos) return text;
  }
  return text.substr(pos + 1);
}

pid_t spawn(const std::vector<std::string>& argv, const std::string& log_path, const run_as& who,
            bool die_with_parent) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw server_error(fmt::format("fork failed: {}", std::strerror(errno)));
  if (pid > 0) return pid;
  // Child: only async-signal-safe calls from here on.
  setsid();  // own process group: a Ctrl-C at the terminal reaches us, not the server
  const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd >= 0) {
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    ::close(fd);
  }
  const int devnull = ::open("/dev/null", O_RDONLY);
  if (devnull >= 0) dup2(devnull, STDIN_FILENO);
  if (who.switch_user) {
    if (setgroups(0, nullptr) != 0 || setgid(who.gid) != 0 || setuid(who.uid) != 0) _exit(126);
  }
  // After setuid: a credential change clears the parent-death signal.
  if (die_with_parent) {
    prctl(PR_SET_PDEATHSIG, SIGQUIT);
    if (getppid() != parent) _exit(125);
  }
  execv(args[0], args.data());
  _exit(127);
}

int wait_exit_code(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool has_exited(pid_t pid) {
  int status = 0;
  return waitpid(pid, &status, WNOHANG) != 0;
}

void stop_child(pid_t pid, int signal, std::chrono::milliseconds grace) {
  ::kill(pid, signal);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (!has_exited(pid)) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      static_cast<void>(wait_exit_code(pid));
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

startup wait_until_accepting(const std::string& conninfo, pid_t pid,
                             std::chrono::milliseconds limit) {
  const std::string ping = conninfo + " connect_timeout=2";
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (PQping(ping.c_str()) == PQPING_OK) return startup::accepting;
    if (has_exited(pid)) return startup::exited;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return startup::timed_out;
}

int free_tcp_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) ::close(fd);
    throw server_error(fmt::format("no free TCP port on 127.0.0.1: {}", std::strerror(errno)));
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool postgres_lost_its_port(const std::string& log) {
  return log.find("could not create any TCP/IP sockets") != std::string::npos &&
         log.find("Address already in use") != std::string::npos;
}

std::size_t file_size_now(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return ec ? 0 : static_cast<std::size_t>(size);
}

void chown_tree(const fs::path& root, const run_as& who) {
  if (!who.switch_user) return;
  if (::chown(root.c_str(), who.uid, who.gid) != 0) {
    throw server_error(fmt::format("cannot chown {}: {}", root.string(), std::strerror(errno)));
  }
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (::lchown(entry.path().c_str(), who.uid, who.gid) != 0) {
      throw server_error(
          fmt::format("cannot chown {}: {}", entry.path().string(), std::strerror(errno)));
    }
  }
}

}  // namespace soong::embedded
