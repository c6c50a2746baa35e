#pragma once
// Which PostgreSQL server and database a `soong db` / `soong migrate` command works on, resolved
// exactly as the runtime resolves its connections (connection_config::from_environment), plus
// the command line's `--database-url` and `--url-env NAME`. Secrets stay inside: the only
// printable forms are redacted.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "soong/connection_config.hpp"

namespace soong::gen::lifecycle {

/// The command-line options every lifecycle command takes.
struct target_options {
  /// `--database-url`: a URL or conninfo; wins over everything else.
  std::optional<std::string> database_url;
  /// `--url-env NAME`: read the URL from this variable instead (e.g. PROD_CONNECTION_URL).
  std::optional<std::string> url_env;
};

/// A resolved server and database.
class database_target {
 public:
  database_target(connection_config config, std::string source);

  /// From the options, else the runtime's environment precedence (DATABASE_URL, CONNECTION_URL,
  /// PG_HOST..., libpq's PG* variables). Throws soong::error (never quoting a password) when the
  /// URL is invalid or `--url-env` names an unset variable.
  [[nodiscard]] static database_target resolve(const target_options& options);

  /// Where the settings came from: `--database-url`, `PROD_CONNECTION_URL (--url-env)`,
  /// `DATABASE_URL`, ...
  [[nodiscard]] const std::string& source() const { return source_; }
  [[nodiscard]] const connection_config& config() const { return config_; }

  /// The database the commands act on, as libpq would pick it: the configured name, else
  /// PGDATABASE, else the user name (configured, PGUSER, or the operating-system user).
  [[nodiscard]] std::string database_name() const;

  /// The same server and credentials with the `postgres` maintenance database, for CREATE and
  /// DROP DATABASE. Built from the parsed settings, never by editing URL text.
  [[nodiscard]] database_target maintenance() const;

  /// The conninfo to connect with (contains the password or a fresh IAM token: never print it).
  [[nodiscard]] std::string conninfo_for_connect() const;

  /// One line for people: every setting libpq will use, the password shown as `********` when
  /// there is one, and where the settings came from.
  [[nodiscard]] std::string redacted() const;

  /// The same settings as libpq environment variables (PGHOST, PGPORT, PGDATABASE, PGUSER,
  /// PGPASSWORD, PGSSLMODE, ...), for running `psql` without a secret in its arguments.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> libpq_environment() const;

 private:
  connection_config config_;
  std::string source_;
};

}  // namespace soong::gen::lifecycle
