// bench_server: starts the benchmark's throwaway PostgreSQL 15, loads the schema and the
// deterministic data, prints the connection strings, and keeps the server until stdin closes.
//
//   bench_server <schema.sql> <load_data.sql> [--quick]
//   → stdout: "tcp=<conninfo>", "unix=<conninfo>", "users=<n>", "ready"
//
// bench/run starts it under `taskset`, so the postmaster and every backend it forks share
// the client's CPU.

#include <libpq-fe.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "embedded_server.hpp"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("bench_server: cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void run_script(PGconn* conn, const std::string& what, const std::string& sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn, sql.c_str()), &PQclear);
  const ExecStatusType status = PQresultStatus(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error("bench_server: " + what + ": " + PQerrorMessage(conn));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_server <schema.sql> <load_data.sql> [--quick]\n";
    return 2;
  }
  const bool quick = argc > 3 && std::string_view(argv[3]) == "--quick";
  try {
    soong::embedded::install_signal_cleanup();
    soong::embedded::server_options options;
    options.listen_tcp = true;
    // Quiet server: fsync is already off in the embedded server; UTC so the
    // text-format clients parse one fixed offset.
    options.settings = {"autovacuum = off", "jit = off", "timezone = 'UTC'"};
    const auto server = soong::embedded::server::start(options);

    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(server->conninfo().c_str()),
                                                      &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK) {
      throw std::runtime_error(std::string("bench_server: connect: ") + PQerrorMessage(conn.get()));
    }
    const std::string users = quick ? "1000" : "100000";
    run_script(conn.get(), "schema", read_file(argv[1]));
    run_script(conn.get(), "sizes",
               "SET bench.users = " + users +
                   "; SET bench.wide_rows = " + (quick ? "2000" : "200000") +
                   "; SET bench.posts = " + (quick ? "100" : "10000") + ";");
    run_script(conn.get(), "data", read_file(argv[2]));
    // Separately: a multi-statement PQexec is one transaction, and VACUUM refuses to run in one.
    run_script(conn.get(), "vacuum", "VACUUM ANALYZE");
    conn.reset();

    std::cout << "tcp=" << server->tcp_conninfo() << "\nunix=" << server->conninfo()
              << "\nusers=" << users << "\nready" << std::endl;
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
}
