#pragma once
// soong::connection_config: connection settings as data (from code, a URL, or the environment),
// with RDS IAM authentication and TLS options. It turns into a libpq conninfo string per
// physical connect, so an IAM token is signed fresh every time.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "soong/aws_sigv4.hpp"
#include "soong/statement_cache.hpp"

namespace soong {

/// RDS IAM authentication: a signed auth token is sent instead of a password.
struct iam_settings {
  bool enabled = false;
  /// Empty: `AWS_REGION`, then `AWS_DEFAULT_REGION`.
  std::string region;
  /// Signing time; empty: the system clock. For tests.
  aws::clock_function clock;
  /// Asked on every connect; empty: aws::credentials_from_environment() (`AWS_ACCESS_KEY_ID`,
  /// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`; Lambda sets all three).
  aws::credentials_source credentials;
};

/// Where and how to connect. Empty / unset fields are left out of the conninfo, so libpq fills
/// them from its own `PG*` variables (`PGHOST`, `PGSSLMODE`, `PGSSLROOTCERT`, ...) and defaults.
struct connection_config {
  std::string host;
  std::optional<int> port;
  std::string dbname;
  std::string user;
  std::string password;  ///< ignored when IAM is on (the token is the password)
  /// libpq sslmode: `disable`, `allow`, `prefer`, `require`, `verify-ca`, `verify-full`. Empty
  /// with IAM on and no `PGSSLMODE`: `require` (RDS only accepts IAM logins over TLS).
  std::string sslmode;
  /// CA bundle for `verify-ca` / `verify-full`, e.g. RDS's `global-bundle.pem`.
  std::string sslrootcert;
  std::optional<int> connect_timeout;  ///< seconds
  std::string application_name;
  /// Any other libpq keyword/value (e.g. from a URL: `options`, `target_session_attrs`).
  std::vector<std::pair<std::string, std::string>> other;
  iam_settings iam;
  /// soong's `statement_cache` (or `pooler`) URL parameter; unset: the environment decides
  /// (see connection_options::statement_cache). Not part of the libpq conninfo.
  std::optional<statement_cache_mode> statement_cache;

  /// Parses a URL (`postgresql://user:pass@host:port/db?sslmode=require`) or a conninfo string
  /// (`host=... dbname=...`), with soong's own `statement_cache=` or `pooler=` parameter. Throws
  /// soong::error (without the password) when it is invalid.
  [[nodiscard]] static connection_config parse(std::string_view url_or_conninfo);

  /// Settings from the environment, first match wins:
  ///  1. `DATABASE_URL`, 2. `CONNECTION_URL` (URL or conninfo),
  ///  3. `PG_HOST`, `PG_PORT`, `PG_DBNAME`, `PG_USER`, `PG_PASSWORD` (each optional),
  ///  4. what is still unset: libpq's own `PGHOST`, `PGPORT`, ..., `PGSSLMODE`, `PGSSLROOTCERT`.
  /// IAM is on when `PG_IAM_AUTH` is `1`/`true`/`on`/`yes`, or on AWS Lambda
  /// (`AWS_LAMBDA_FUNCTION_NAME` set) when no password is configured (neither in 1-3 nor
  /// `PGPASSWORD`) and `PG_IAM_AUTH` is not `0`/`false`/`off`/`no`.
  [[nodiscard]] static connection_config from_environment();

  /// `config` with IAM switched on or off as from_environment() decides it (`PG_IAM_AUTH`, or
  /// Lambda without a password), for settings that come from elsewhere, such as a command
  /// line's URL.
  [[nodiscard]] static connection_config with_environment_iam(connection_config config);

  /// Which settings from_environment() reads now, for tools that show where a connection came
  /// from: `DATABASE_URL`, `CONNECTION_URL`, `PG_HOST/PG_PORT/PG_DBNAME/PG_USER/PG_PASSWORD`, or
  /// `libpq PG* variables and defaults` when none of those is set.
  [[nodiscard]] static std::string environment_source();

  /// The conninfo as configured (values quoted for libpq). With IAM on, the password is left
  /// out; use conninfo_for_connect() to connect. Contains the password otherwise: do not log.
  [[nodiscard]] std::string to_conninfo() const;

  /// The conninfo for one physical connect: with IAM on, signs a new token (host, port and user
  /// from this config, else `PGHOST`/`PGPORT`/`PGUSER`, port default 5432) and uses it as the
  /// password. Throws connection_error naming what is missing when IAM lacks a host, user,
  /// region or credentials.
  [[nodiscard]] std::string conninfo_for_connect() const;

  /// `host=... port=... dbname=... user=... iam=on` for log lines: never a secret.
  [[nodiscard]] std::string description() const;
};

}  // namespace soong
