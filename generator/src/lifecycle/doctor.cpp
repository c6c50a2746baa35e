#include "lifecycle/doctor.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "soong/connection.hpp"
#include "soong/error.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {
namespace {

std::string version_text(int version) {
  // PostgreSQL 10 and later: major * 10000 + minor.
  return fmt::format("{}.{}", version / 10000, version % 10000);
}

std::string_view mode_name(statement_cache_mode mode) {
  switch (mode) {
    case statement_cache_mode::automatic:
      return "auto";
    case statement_cache_mode::on:
      return "on";
    case statement_cache_mode::off:
      return "off";
  }
  return "auto";
}

/// pg_backend_pid() in a transaction of its own.
int backend_pid_in_a_transaction(connection& conn) {
  return execute_sql(conn, "SELECT pg_catalog.pg_backend_pid()").get<std::int32_t>(0, 0);
}

/// What the process ids say about a pooler between us and the server.
std::string pooler_finding(connection& conn) {
  const int announced = PQbackendPID(conn.native_handle());
  const int first = backend_pid_in_a_transaction(conn);
  const int second = backend_pid_in_a_transaction(conn);
  if (first != second) {
    return fmt::format(
        "transaction pooler detected: two transactions on one client connection ran in backends "
        "{} and {} (use statement_cache=off or pooler=transaction)",
        first, second);
  }
  if (announced != first) {
    return fmt::format(
        "pooler detected: the connection announced process {} but the backend is {}; both "
        "transactions ran in the same backend (session pooling, or a transaction pooler that "
        "happened to reuse it)",
        announced, first);
  }
  return fmt::format("none detected (backend {} throughout)", first);
}

}  // namespace

int run_doctor(const database_target& target, std::ostream& out, std::ostream& err) {
  const connection_config& config = target.config();
  out << "connection: " << target.redacted() << "\n";
  out << "libpq: " << version_text(PQlibVersion()) << "\n";
  out << "rds iam: "
      << (config.iam.enabled
              ? fmt::format("on (region {})",
                            config.iam.region.empty() ? "from AWS_REGION" : config.iam.region)
              : std::string("off"))
      << "\n";
  std::unique_ptr<connection> conn;
  try {
    conn = std::make_unique<connection>(config);
  } catch (const soong::error& e) {
    err << "soong doctor: " << e.what() << "\n";
    return 2;
  }
  PGconn* native = conn->native_handle();
  const char* server_version = PQparameterStatus(native, "server_version");
  out << "server: PostgreSQL "
      << (server_version != nullptr ? server_version : version_text(PQserverVersion(native)))
      << " at " << conn->description() << "\n";
  if (PQsslInUse(native) != 0) {
    const char* protocol = PQsslAttribute(native, "protocol");
    const char* cipher = PQsslAttribute(native, "cipher");
    out << "tls: on (" << (protocol != nullptr ? protocol : "?") << ", "
        << (cipher != nullptr ? cipher : "?") << ")\n";
  } else {
    out << "tls: off\n";
  }
  out << "statement cache: " << mode_name(conn->statement_cache())
      << (conn->statement_cache_enabled() ? " (named prepared statements)"
                                          : " (unnamed statements)")
      << "\n";
  try {
    out << "pooler: " << pooler_finding(*conn) << "\n";
  } catch (const soong::error& e) {
    err << "soong doctor: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

registered_subcommand add_doctor_subcommand(CLI::App& app) {
  auto options = std::make_shared<target_options>();
  CLI::App* cmd = app.add_subcommand(
      "doctor",
      "show what a connection gets: settings (password redacted), versions, TLS, IAM, "
      "statement cache, pooler");
  cmd->add_option("--database-url", options->database_url,
                  "the server and database (URL or conninfo); default: DATABASE_URL, "
                  "CONNECTION_URL, PG_HOST/PG_PORT/PG_DBNAME/PG_USER/PG_PASSWORD, libpq's PG*");
  cmd->add_option("--url-env", options->url_env,
                  "read the URL from this environment variable instead");
  return {cmd, [options]() {
            try {
              return run_doctor(database_target::resolve(*options), std::cout, std::cerr);
            } catch (const soong::error& e) {
              std::cerr << "soong doctor: " << e.what() << "\n";
              return 2;
            }
          }};
}

}  // namespace soong::gen::lifecycle
