#include "pgpool_server.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "child_process.hpp"

namespace soong::testing {
namespace fs = std::filesystem;
namespace embedded = soong::embedded;

namespace {

constexpr const char* binary = "/usr/sbin/pgpool";
constexpr int port_attempts = 5;

}  // namespace

pgpool_server::pgpool_server(std::vector<pgpool_backend> backends,
                             std::vector<std::string> settings)
    : backends_(std::move(backends)), settings_(std::move(settings)) {
  if (::access(binary, X_OK) != 0) {
    throw std::runtime_error(std::string("pgpool_server: no pgpool at ") + binary +
                             " (install the Debian package pgpool2, e.g. with scripts/setup)");
  }
  std::string tmpl = (fs::temp_directory_path() / "soong-pgpool-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    throw std::runtime_error(std::string("pgpool_server: cannot create a temp folder: ") +
                             std::strerror(errno));
  }
  folder_ = tmpl;
  try {
    for (int attempt = 1;; ++attempt) {
      port_ = embedded::free_tcp_port();
      pcp_port_ = embedded::free_tcp_port();
      write_configuration();
      if (launch()) return;
      if (attempt == port_attempts) {
        throw std::runtime_error("pgpool_server: no free port:\n" + embedded::tail(log()));
      }
    }
  } catch (...) {
    stop();
    std::error_code ec;
    fs::remove_all(folder_, ec);
    throw;
  }
}

pgpool_server::~pgpool_server() {
  stop();
  std::error_code ec;
  fs::remove_all(folder_, ec);
}

void pgpool_server::write_configuration() const {
  {
    std::ofstream conf(folder_ + "/pgpool.conf", std::ios::trunc);
    conf << "backend_clustering_mode = 'streaming_replication'\n"
         << "listen_addresses = '127.0.0.1'\n"
         << "port = " << port_ << "\n"
         << "socket_dir = '" << folder_ << "'\n"
         << "pcp_listen_addresses = ''\n"
         << "pcp_port = " << pcp_port_ << "\n"
         << "pcp_socket_dir = '" << folder_ << "'\n"
         << "wd_ipc_socket_dir = '" << folder_ << "'\n"
         << "pid_file_name = '" << folder_ << "/pgpool.pid'\n"
         << "logdir = '" << folder_ << "'\n"
         << "pool_passwd = ''\n"
         << "enable_pool_hba = off\n"
         << "num_init_children = 24\n"
         << "max_pool = 2\n"
         << "load_balance_mode = on\n"
         // Only these write; every other function (pg_is_in_recovery() included) may run on a
         // standby. Left empty, pgpool treats every volatile function as a write.
         << "write_function_list = 'nextval,setval,lastval,currval'\n"
         << "sr_check_period = 0\n"
         << "sr_check_user = 'postgres'\n"
         << "health_check_period = 0\n"
         << "failover_on_backend_error = off\n"
         << "log_destination = 'stderr'\n";
    for (std::size_t i = 0; i < backends_.size(); ++i) {
      conf << "backend_hostname" << i << " = '127.0.0.1'\n"
           << "backend_port" << i << " = " << backends_[i].port << "\n"
           << "backend_weight" << i << " = " << backends_[i].weight << "\n"
           << "backend_flag" << i << " = 'DISALLOW_TO_FAILOVER'\n";
    }
    for (const auto& line : settings_) conf << line << "\n";
    if (!conf) throw std::runtime_error("pgpool_server: cannot write " + folder_);
  }
  { std::ofstream(folder_ + "/pcp.conf", std::ios::trunc).flush(); }
  {
    std::ofstream(folder_ + "/pool_hba.conf", std::ios::trunc)
        << "host all all 127.0.0.1/32 trust\n";
  }
  { std::ofstream(folder_ + "/pgpool.log", std::ios::trunc).flush(); }
  embedded::chown_tree(folder_, embedded::server_account());
}

bool pgpool_server::launch() {
  pid_ = embedded::spawn({binary, "-n", "-f", folder_ + "/pgpool.conf", "-F", folder_ + "/pcp.conf",
                          "-a", folder_ + "/pool_hba.conf"},
                         folder_ + "/pgpool.log", embedded::server_account(),
                         /*die_with_parent=*/true);
  switch (embedded::wait_until_accepting(conninfo(), pid_, std::chrono::seconds(30))) {
    case embedded::startup::accepting:
      return true;
    case embedded::startup::exited: {
      pid_ = -1;
      const std::string text = log();
      if (text.find("Address already in use") != std::string::npos) return false;
      throw std::runtime_error("pgpool_server: pgpool exited during startup:\n" +
                               embedded::tail(text, 40));
    }
    case embedded::startup::timed_out:
      break;
  }
  throw std::runtime_error("pgpool_server: pgpool did not accept connections within 30 s:\n" +
                           embedded::tail(log(), 40));
}

void pgpool_server::stop() {
  if (pid_ <= 0) return;
  embedded::stop_child(pid_, SIGINT, std::chrono::seconds(10));  // fast shutdown
  pid_ = -1;
}

std::string pgpool_server::conninfo(std::string_view dbname) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) +
         " user=postgres dbname=" + std::string(dbname) + " sslmode=disable";
}

std::string pgpool_server::log() const { return embedded::read_file(folder_ + "/pgpool.log"); }

}  // namespace soong::testing
