#include "pgbouncer_server.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "child_process.hpp"
#include "test_server.hpp"

namespace soong::testing {
namespace fs = std::filesystem;
namespace embedded = soong::embedded;

namespace {

constexpr const char* default_binary = "/usr/sbin/pgbouncer";
constexpr int port_attempts = 5;
constexpr auto startup_limit = std::chrono::seconds(15);
constexpr auto shutdown_limit = std::chrono::seconds(5);

std::string log_path(const std::string& folder) { return folder + "/pgbouncer.log"; }

}  // namespace

pgbouncer_server::pgbouncer_server(pgbouncer_options options) : options_(std::move(options)) {
  const std::string binary = binary_path();
  (void)shared_server();  // started first: its socket and port go into the configuration
  std::string tmpl = (fs::temp_directory_path() / "soong-pgbouncer-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    throw std::runtime_error(std::string("pgbouncer_server: cannot create a temp folder: ") +
                             std::strerror(errno));
  }
  folder_ = tmpl;
  try {
    for (int attempt = 1;; ++attempt) {
      port_ = embedded::free_tcp_port();
      write_configuration();
      if (launch(binary)) return;
      if (attempt == port_attempts) {
        throw std::runtime_error("pgbouncer_server: no free port after " +
                                 std::to_string(port_attempts) + " attempts:\n" +
                                 embedded::tail(log()));
      }
    }
  } catch (...) {
    stop();
    std::error_code ec;
    fs::remove_all(folder_, ec);
    throw;
  }
}

pgbouncer_server::~pgbouncer_server() {
  stop();
  std::error_code ec;
  fs::remove_all(folder_, ec);
}

std::string pgbouncer_server::binary_path() const {
  std::string binary = options_.binary;
  if (binary.empty()) {
    const char* env = std::getenv("SOONG_PGBOUNCER");
    binary = env != nullptr && *env != '\0' ? env : default_binary;
  }
  if (::access(binary.c_str(), X_OK) != 0) {
    throw std::runtime_error("pgbouncer_server: no pgbouncer at " + binary +
                             " (install the Debian package pgbouncer, e.g. with scripts/setup, "
                             "or set SOONG_PGBOUNCER to its path)");
  }
  return binary;
}

void pgbouncer_server::write_configuration() const {
  const auto& cluster = shared_server();
  {
    std::ofstream ini(folder_ + "/pgbouncer.ini", std::ios::trunc);
    // `*`: every database name the client asks for goes to the same-named cluster database.
    ini << "[databases]\n"
        << "* = host=" << cluster.socket_dir() << " port=" << cluster.port() << "\n\n"
        << "[pgbouncer]\n"
        << "listen_addr = 127.0.0.1\n"
        << "listen_port = " << port_ << "\n"
        << "unix_socket_dir =\n"
        << "pidfile = " << folder_ << "/pgbouncer.pid\n"
        << "auth_type = trust\n"
        << "auth_file = " << folder_ << "/userlist.txt\n"
        << "admin_users = postgres\n"
        << "pool_mode = " << options_.pool_mode << "\n"
        << "default_pool_size = " << options_.default_pool_size << "\n"
        << "max_client_conn = 200\n"
        << "log_connections = 0\n"
        << "log_disconnections = 0\n";
    for (const auto& line : options_.settings) ini << line << "\n";
    if (!ini) throw std::runtime_error("pgbouncer_server: cannot write " + folder_);
  }
  {
    // With trust, pgbouncer still only admits users listed in its auth file.
    std::ofstream users(folder_ + "/userlist.txt", std::ios::trunc);
    users << "\"postgres\" \"\"\n";
  }
  { std::ofstream(log_path(folder_), std::ios::trunc).flush(); }
  embedded::chown_tree(folder_, embedded::server_account());
}

bool pgbouncer_server::launch(const std::string& binary) {
  pid_ = embedded::spawn({binary, folder_ + "/pgbouncer.ini"}, log_path(folder_),
                         embedded::server_account(), /*die_with_parent=*/true);
  switch (embedded::wait_until_accepting(admin_conninfo(), pid_, startup_limit)) {
    case embedded::startup::accepting:
      return true;
    case embedded::startup::exited: {
      pid_ = -1;
      const std::string text = log();
      if (text.find("Address already in use") != std::string::npos) return false;
      throw std::runtime_error("pgbouncer_server: pgbouncer exited during startup:\n" +
                               embedded::tail(text));
    }
    case embedded::startup::timed_out:
      break;
  }
  throw std::runtime_error("pgbouncer_server: pgbouncer did not accept connections within 15 s:\n" +
                           embedded::tail(log()));
}

void pgbouncer_server::stop() {
  if (pid_ <= 0) return;
  embedded::stop_child(pid_, SIGTERM,
                       shutdown_limit);  // immediate shutdown: closes client and server connections
  pid_ = -1;
}

std::string pgbouncer_server::conninfo(std::string_view dbname) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) +
         " user=postgres dbname=" + std::string(dbname) + " sslmode=disable";
}

std::string pgbouncer_server::admin_conninfo() const { return conninfo("pgbouncer"); }

std::string pgbouncer_server::log() const { return embedded::read_file(log_path(folder_)); }

}  // namespace soong::testing
