// cruddur_pg: the throwaway PostgreSQL 15 for the serverless and HTTP benchmarks. Loads the
// Cruddur schema and data files given, turns TLS on with the certificate and key given (the
// benchmark makes them with openssl), prints the TCP connection settings, and keeps the server
// until stdin closes.
//
//   cruddur_pg <server.crt> <server.key> <file.sql>...
//   → stdout: "host=...", "port=...", "ready"

#include <libpq-fe.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "embedded_server.hpp"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cruddur_pg: cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void run_script(PGconn* conn, const std::string& path) {
  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn, read_file(path).c_str()),
                                                    &PQclear);
  const ExecStatusType status = PQresultStatus(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error("cruddur_pg: " + path + ": " + PQerrorMessage(conn));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: cruddur_pg <server.crt> <server.key> <file.sql>...\n";
    return 2;
  }
  try {
    soong::embedded::install_signal_cleanup();
    soong::embedded::server_options options;
    options.listen_tcp = true;
    // Enough backends for the HTTP benchmark's pools (each server keeps up to 64 connections).
    options.settings = {"autovacuum = off",           "jit = off", "timezone = 'UTC'",
                        "max_connections = 200",      "ssl = on",  "ssl_cert_file = 'server.crt'",
                        "ssl_key_file = 'server.key'"};
    options.data_files = {{"server.crt", argv[1]}, {"server.key", argv[2]}};
    const auto server = soong::embedded::server::start(options);

    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(server->conninfo().c_str()),
                                                      &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK) {
      throw std::runtime_error(std::string("cruddur_pg: connect: ") + PQerrorMessage(conn.get()));
    }
    for (int i = 3; i < argc; ++i) run_script(conn.get(), argv[i]);
    conn.reset();

    // tcp_conninfo() is "host=... port=... user=... dbname=... sslmode=disable": one per line.
    std::istringstream words(server->tcp_conninfo());
    for (std::string word; words >> word;) std::cout << word << "\n";
    std::cout << "ready" << std::endl;
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
}
