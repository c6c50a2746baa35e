#include "standby_server.hpp"

#include <libpq-fe.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <thread>

#include "child_process.hpp"

namespace soong::testing {
namespace fs = std::filesystem;
namespace emb = soong::embedded;

namespace {

// Another process can take the free port before the standby binds it (tests start many
// servers at once): the standby then exits, and is started again on another port.
constexpr int port_attempts = 5;

/// The first row's first column of `sql` on `conninfo` as text ("" for NULL).
std::string query_text(const std::string& conninfo, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error("cannot connect: " + std::string(PQerrorMessage(conn.get())));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(res.get()) != PGRES_TUPLES_OK || PQntuples(res.get()) < 1) {
    throw std::runtime_error(sql + ": " + PQresultErrorMessage(res.get()));
  }
  return PQgetvalue(res.get(), 0, 0);
}

}  // namespace

standby_server::standby_server(const emb::server& primary, std::vector<std::string> settings,
                               int preferred_port) {
  const auto bin = emb::find_bin_dir();
  if (!bin) throw std::runtime_error("standby_server: no PostgreSQL server binaries found");
  bin_dir_ = *bin;
  const emb::run_as who = emb::server_account();
  std::string tmpl = (fs::temp_directory_path() / "soong-standby-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("standby_server: mkdtemp");
  folder_ = tmpl;
  data_dir_ = folder_ + "/data";
  log_path_ = folder_ + "/server.log";
  std::ofstream(log_path_).flush();
  emb::chown_tree(folder_, who);
  port_ = preferred_port != 0 ? preferred_port : emb::free_tcp_port();

  const std::vector<std::string> backup = {bin_dir_ + "/pg_basebackup",
                                           "-h",
                                           "127.0.0.1",
                                           "-p",
                                           std::to_string(primary.port()),
                                           "-U",
                                           "postgres",
                                           "-D",
                                           data_dir_,
                                           "-R",
                                           "-X",
                                           "stream",
                                           "-c",
                                           "fast",
                                           "--no-sync"};
  const int code = emb::wait_exit_code(emb::spawn(backup, log_path_, who, false));
  if (code != 0) {
    throw std::runtime_error("pg_basebackup failed (exit " + std::to_string(code) + "):\n" +
                             emb::tail(log()));
  }
  {
    // Later lines win: the copied postgresql.conf still names the primary's port and socket.
    std::ofstream conf(data_dir_ + "/postgresql.conf", std::ios::app);
    conf << "\n# soong test standby\n"
         << "listen_addresses = '127.0.0.1'\n"
         << "port = " << port_ << "\n"
         << "unix_socket_directories = '" << folder_ << "'\n"
         << "hot_standby = on\n"
         << "wal_receiver_status_interval = 1s\n";
    for (const auto& line : settings) conf << line << "\n";
  }
  emb::chown_tree(data_dir_, who);
  for (int attempt = 1; !launch(); ++attempt) {
    if (attempt == port_attempts) {
      throw std::runtime_error("standby postgres found no free TCP port in " +
                               std::to_string(port_attempts) + " attempts:\n" + emb::tail(log()));
    }
    port_ = emb::free_tcp_port();
    // Later lines of postgresql.conf win over the `port` line above.
    std::ofstream(data_dir_ + "/postgresql.conf", std::ios::app)
        << "port = " << port_ << "  # the one before was taken\n";
  }
}

bool standby_server::launch() {
  const std::size_t log_start = emb::file_size_now(log_path_);
  pid_ = emb::spawn({bin_dir_ + "/postgres", "-D", data_dir_}, log_path_, emb::server_account(),
                    false);
  // Over the standby's own socket: whatever holds the TCP port when it was taken must not be
  // mistaken for the standby.
  const std::string socket_conninfo =
      "host=" + folder_ + " port=" + std::to_string(port_) + " user=postgres dbname=postgres";
  switch (emb::wait_until_accepting(socket_conninfo, pid_, std::chrono::seconds(60))) {
    case emb::startup::accepting:
      return true;
    case emb::startup::exited: {
      pid_ = -1;
      const std::string text = log();
      if (emb::postgres_lost_its_port(text.substr(std::min(log_start, text.size())))) return false;
      throw std::runtime_error("standby postgres exited during startup:\n" + emb::tail(text));
    }
    case emb::startup::timed_out:
      break;
  }
  throw std::runtime_error("standby did not accept connections within 60 s:\n" + emb::tail(log()));
}

void standby_server::stop() {
  if (pid_ <= 0) return;
  emb::stop_child(pid_, SIGINT, std::chrono::seconds(20));
  pid_ = -1;
}

standby_server::~standby_server() {
  stop();
  std::error_code ec;
  fs::remove_all(folder_, ec);
}

std::string standby_server::tcp_conninfo(std::string_view dbname) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) +
         " user=postgres dbname=" + std::string(dbname) + " sslmode=disable";
}

std::string standby_server::log() const { return emb::read_file(log_path_); }

void wait_for_replay(const std::string& primary_conninfo, const std::string& standby_conninfo) {
  // The insert position, less a page header it may count at a page start (no record ends
  // there, so replay never reports it).
  const std::string target =
      query_text(primary_conninfo,
                 "SELECT (l - CASE ((l - '0/0'::pg_lsn) % 8192) WHEN 24 THEN 24 WHEN 40 THEN 40"
                 " ELSE 0 END)::text FROM (SELECT pg_current_wal_insert_lsn() AS l) AS position");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string caught_up = query_text(
        standby_conninfo, "SELECT (pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn)::text");
    if (caught_up == "true") return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("standby did not replay up to " + target + " within 30 s");
}

}  // namespace soong::testing
