// throwaway_pg: starts a throwaway PostgreSQL, loads SQL files into it, prints its conninfo,
// and keeps it up until stdin reaches EOF or SIGINT/SIGTERM arrives; then removes it.
//
//   throwaway_pg [--tcp] [file.sql ...]
//
// For scripts (scripts/demo): works as root (the server then runs as an unprivileged user).
// The first line on stdout is the conninfo (TCP with --tcp, else the Unix socket); the second
// is "ready" once every file is loaded.

#include <libpq-fe.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "embedded_server.hpp"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Several statements in one simple-protocol query: PostgreSQL runs them as one implicit
// transaction, so a failing file leaves nothing half-loaded.
void run_file(const std::string& conninfo, const std::string& path) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error("cannot connect: " + std::string(PQerrorMessage(conn.get())));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), read_file(path).c_str()),
                                                       &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error(path + ": " + PQresultErrorMessage(result.get()));
  }
}

// Returns when stdin is closed or one of `signals` is pending (they are blocked, so nothing
// interrupts the server's own cleanup halfway).
void wait_for_eof_or_signal(const sigset_t& signals) {
  char buffer[256];
  while (true) {
    sigset_t pending;
    sigpending(&pending);
    for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
      if (sigismember(&pending, sig)) {
        int taken = 0;
        sigwait(&signals, &taken);
        return;
      }
    }
    pollfd input{STDIN_FILENO, POLLIN, 0};
    if (poll(&input, 1, 200) > 0) {
      const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (n <= 0) return;  // EOF (or stdin gone): the caller is done with us
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool tcp = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--tcp") {
      tcp = true;
    } else if (arg.starts_with("-")) {
      std::cerr << "throwaway_pg: unknown option " << arg
                << "; usage: throwaway_pg [--tcp] [file.sql ...]\n";
      return 2;
    } else {
      files.emplace_back(arg);
    }
  }

  sigset_t signals;
  sigemptyset(&signals);
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, sig);
  sigprocmask(SIG_BLOCK, &signals, nullptr);

  try {
    soong::embedded::server_options options;
    options.listen_tcp = tcp;
    const auto server = soong::embedded::server::start(options);
    const std::string conninfo = tcp ? server->tcp_conninfo() : server->conninfo();
    std::cout << conninfo << std::endl;
    for (const auto& file : files) run_file(conninfo, file);
    std::cout << "ready" << std::endl;
    wait_for_eof_or_signal(signals);
  } catch (const std::exception& e) {
    std::cerr << "throwaway_pg: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
