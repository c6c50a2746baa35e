#include "embedded_server.hpp"

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

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "child_process.hpp"

namespace soong::embedded {
namespace fs = std::filesystem;

namespace {

bool is_executable(const fs::path& p) { return ::access(p.c_str(), X_OK) == 0; }

bool has_server_binaries(const fs::path& dir) {
  return is_executable(dir / "initdb") && is_executable(dir / "postgres");
}

// A free port can be taken by another process before postgres binds it (the tests start many
// servers at once): postgres then exits, and the server tries again with another port.
constexpr int port_attempts = 5;

// Live servers, for the signal handler. A fixed array: the handler may not allocate.
constexpr std::size_t max_live_servers = 64;
struct live_entry {
  volatile pid_t pid = -1;
};
std::array<live_entry, max_live_servers> live_servers;
std::mutex live_mutex;

void register_live(pid_t pid) {
  std::lock_guard lock(live_mutex);
  for (auto& e : live_servers) {
    if (e.pid == -1 || e.pid == pid) {
      e.pid = pid;
      return;
    }
  }
}

void unregister_live(pid_t pid) {
  std::lock_guard lock(live_mutex);
  for (auto& e : live_servers) {
    if (e.pid == pid) e.pid = -1;
  }
}

// Server folders, registered from mkdtemp until the destructor removed them: a signal that
// arrives while no server process runs (between initdb and postgres, say) must still remove
// the folder.
struct live_folder {
  volatile bool used = false;
  char path[256] = {};
};
std::array<live_folder, max_live_servers> live_folders;

void register_folder(const std::string& path) {
  std::lock_guard lock(live_mutex);
  for (auto& f : live_folders) {
    if (!f.used) {
      std::snprintf(f.path, sizeof f.path, "%s", path.c_str());
      f.used = true;
      return;
    }
  }
}

void unregister_folder(const std::string& path) {
  std::lock_guard lock(live_mutex);
  for (auto& f : live_folders) {
    if (f.used && path == f.path) f.used = false;
  }
}

extern "C" void cleanup_on_signal(int sig) {
  for (auto& e : live_servers) {
    if (e.pid <= 0) continue;
    // The whole process group (spawn() makes each child a session leader): immediate
    // shutdown of the postmaster and its backends, or initdb and its bootstrap backend.
    ::kill(-e.pid, SIGQUIT);
    ::kill(e.pid, SIGQUIT);  // in case the child has not called setsid() yet
    int status = 0;
    waitpid(e.pid, &status, 0);
    e.pid = -1;
  }
  for (auto& f : live_folders) {
    if (!f.used) continue;
    // Not formally async-signal-safe, but the process is about to die and leaving a cluster
    // in /tmp on every Ctrl-C is worse; std::filesystem is avoided (it may allocate).
    const char* argv[] = {"/bin/rm", "-rf", f.path, nullptr};
    const pid_t rm = fork();
    if (rm == 0) {
      execv(argv[0], const_cast<char**>(argv));
      _exit(127);
    }
    int status = 0;
    if (rm > 0) waitpid(rm, &status, 0);
    f.used = false;
  }
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

}  // namespace

std::optional<std::string> find_bin_dir() {
  if (const char* env = std::getenv("SOONG_PG_BINDIR"); env != nullptr && *env != '\0') {
    if (has_server_binaries(env)) return std::string(env);
  }
  if (FILE* p = ::popen("pg_config --bindir 2>/dev/null", "r")) {
    char buf[4096] = {};
    const bool got = std::fgets(buf, sizeof buf, p) != nullptr;
    ::pclose(p);
    std::string dir = got ? std::string(buf) : std::string();
    while (!dir.empty() && (dir.back() == '\n' || dir.back() == '\r')) dir.pop_back();
    if (!dir.empty() && has_server_binaries(dir)) return dir;
  }
  std::vector<std::pair<int, fs::path>> candidates;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const fs::path bin = entry.path() / "bin";
    const std::string version = entry.path().filename().string();
    if (has_server_binaries(bin) && !version.empty() &&
        std::all_of(version.begin(), version.end(), ::isdigit)) {
      candidates.emplace_back(std::stoi(version), bin);
    }
  }
  if (!candidates.empty()) {
    return std::max_element(candidates.begin(), candidates.end())->second.string();
  }
  return std::nullopt;
}

std::unique_ptr<server> server::start(const server_options& options) {
  std::unique_ptr<server> s(new server());
  s->options_ = options;
  if (!options.bin_dir.empty()) {
    if (!has_server_binaries(options.bin_dir)) {
      throw server_error(fmt::format("no initdb/postgres in {}", options.bin_dir));
    }
    s->bin_dir_ = options.bin_dir;
  } else if (auto found = find_bin_dir()) {
    s->bin_dir_ = *found;
  } else {
    throw server_error(
        "no PostgreSQL server binaries found (looked at $SOONG_PG_BINDIR, `pg_config "
        "--bindir` and /usr/lib/postgresql/*/bin); install them (Debian: apt-get install "
        "postgresql) or pass --database-url to use an existing server");
  }
  const run_as who = server_account();

  std::string tmpl = (fs::temp_directory_path() / "soong-pg-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    throw server_error(fmt::format("cannot create a temp folder: {}", std::strerror(errno)));
  }
  s->root_dir_ = tmpl;
  register_folder(s->root_dir_);
  s->data_dir_ = s->root_dir_ + "/data";
  s->log_path_ = s->root_dir_ + "/server.log";
  // Without TCP the port only names the socket file, which is private anyway.
  s->port_ = !options.listen_tcp               ? 5432
             : options.preferred_tcp_port != 0 ? options.preferred_tcp_port
                                               : free_tcp_port();
  // From here the destructor removes the folder if anything throws.
  {
    std::ofstream(s->log_path_).flush();
    chown_tree(s->root_dir_, who);
  }

  const std::vector<std::string> initdb = {s->bin_dir_ + "/initdb",
                                           "-D",
                                           s->data_dir_,
                                           "-U",
                                           "postgres",
                                           "-A",
                                           "trust",
                                           "-E",
                                           "UTF8",
                                           "--locale=C",
                                           "--no-sync",
                                           "--no-instructions"};
  const pid_t pid = spawn(initdb, s->log_path_, who, false);
  // A Ctrl-C during initdb (a second or two) must remove the folder too.
  register_live(pid);
  const int code = wait_exit_code(pid);
  unregister_live(pid);
  if (code != 0) {
    throw server_error(
        fmt::format("initdb failed (exit {}):\n{}", code, tail(read_file(s->log_path_))));
  }

  {
    std::ofstream conf(s->data_dir_ + "/postgresql.conf", std::ios::app);
    conf << "\n# soong embedded server\n"
         << "listen_addresses = '" << (options.listen_tcp ? "127.0.0.1" : "") << "'\n"
         << "port = " << s->port_ << "\n"
         << "unix_socket_directories = '" << s->root_dir_ << "'\n"
         << "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
         << "max_connections = 100\nmax_prepared_transactions = 0\n";
    for (const auto& line : options.settings) conf << line << "\n";
  }
  if (!options.hba_lines.empty()) {
    const std::string hba_path = s->data_dir_ + "/pg_hba.conf";
    std::string hba;
    for (const auto& line : options.hba_lines) hba += line + "\n";
    hba += read_file(hba_path);
    std::ofstream(hba_path, std::ios::trunc) << hba;
  }
  for (const auto& [name, source] : options.data_files) {
    const fs::path target = fs::path(s->data_dir_) / name;
    fs::copy_file(source, target, fs::copy_options::overwrite_existing);
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
  }
  chown_tree(s->data_dir_, who);

  for (int attempt = 1; !s->try_launch_postmaster(); ++attempt) {
    if (attempt == port_attempts) {
      throw server_error(fmt::format("postgres found no free TCP port in {} attempts:\n{}",
                                     port_attempts, tail(read_file(s->log_path_))));
    }
    s->port_ = free_tcp_port();
    // Later lines of postgresql.conf win over the first `port` line.
    std::ofstream(s->data_dir_ + "/postgresql.conf", std::ios::app)
        << "port = " << s->port_ << "  # the one before was taken\n";
  }
  return s;
}

void server::launch_postmaster() {
  if (!try_launch_postmaster()) {
    throw server_error(fmt::format("postgres could not listen on its TCP port {} again:\n{}", port_,
                                   tail(read_file(log_path_))));
  }
}

bool server::try_launch_postmaster() {
  const std::size_t log_start = file_size_now(log_path_);
  const std::vector<std::string> argv = {bin_dir_ + "/postgres", "-D", data_dir_};
  postmaster_pid_ = spawn(argv, log_path_, server_account(), options_.die_with_starting_thread);
  register_live(postmaster_pid_);
  return wait_until_ready(log_start);
}

bool server::wait_until_ready(std::size_t log_start) {
  switch (wait_until_accepting(conninfo(), postmaster_pid_, std::chrono::seconds(60))) {
    case startup::accepting:
      return true;
    case startup::exited: {
      unregister_live(postmaster_pid_);
      postmaster_pid_ = -1;
      // This start's lines only: an earlier start of the same folder may have lost its port.
      const std::string log = read_file(log_path_);
      const std::string this_start = log.substr(std::min(log_start, log.size()));
      if (options_.listen_tcp && postgres_lost_its_port(this_start)) return false;
      throw server_error(fmt::format("postgres exited during startup:\n{}", tail(log)));
    }
    case startup::timed_out:
      break;
  }
  throw server_error(fmt::format("postgres did not accept connections within 60 s:\n{}",
                                 tail(read_file(log_path_))));
}

void server::stop() { stop_with(SIGINT); }  // fast shutdown

void server::stop_immediately() { stop_with(SIGQUIT); }

void server::stop_with(int signal) {
  if (postmaster_pid_ <= 0) return;
  stop_child(postmaster_pid_, signal, std::chrono::seconds(20));
  unregister_live(postmaster_pid_);
  postmaster_pid_ = -1;
}

void server::start_again() {
  if (postmaster_pid_ > 0) return;
  launch_postmaster();
}

void server::restart() {
  stop();
  start_again();
}

server::~server() {
  try {
    stop();
  } catch (...) {
  }
  if (!root_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(root_dir_, ec);
    unregister_folder(root_dir_);
  }
}

std::string server::conninfo(std::string_view dbname) const {
  return fmt::format("host={} port={} user=postgres dbname={}", root_dir_, port_, dbname);
}

std::string server::tcp_conninfo(std::string_view dbname) const {
  if (!options_.listen_tcp) throw server_error("tcp_conninfo: server started without listen_tcp");
  return fmt::format("host=127.0.0.1 port={} user=postgres dbname={} sslmode=disable", port_,
                     dbname);
}

void install_signal_cleanup() {
  struct sigaction sa {};
  sa.sa_handler = cleanup_on_signal;
  sigemptyset(&sa.sa_mask);
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
}

}  // namespace soong::embedded
