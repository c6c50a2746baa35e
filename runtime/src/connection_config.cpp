// connection_config: parsing, environment precedence, and conninfo building (with a fresh RDS
// IAM token per connect).

#include "soong/connection_config.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <memory>
#include <string>

#include "secrets.hpp"
#include "soong/error.hpp"
#include "soong/rds_iam.hpp"
#include "soong_parameters.hpp"

namespace soong {

namespace {

const char* environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

int require_int(std::string_view text, std::string_view what) {
  if (const std::optional<int> value = parse_int(text)) return *value;
  throw error(std::string(what) + " is not a number: \"" + std::string(text) + "\"");
}

/// A conninfo value in single quotes, backslash and quote escaped (libpq's conninfo syntax,
/// https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING).
std::string quoted(std::string_view value) {
  std::string out = "'";
  for (const char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

/// PG_IAM_AUTH: true, false, or unset/empty (nullopt).
std::optional<bool> iam_switch() {
  const char* value = environment("PG_IAM_AUTH");
  if (value == nullptr) return std::nullopt;
  const std::string_view text(value);
  for (const char* yes : {"1", "true", "on", "yes", "TRUE", "ON", "YES", "True"}) {
    if (text == yes) return true;
  }
  for (const char* no : {"0", "false", "off", "no", "FALSE", "OFF", "NO", "False"}) {
    if (text == no) return false;
  }
  throw error("PG_IAM_AUTH must be 1/true/on/yes or 0/false/off/no, not \"" + std::string(text) +
              "\"");
}

}  // namespace

connection_config connection_config::parse(std::string_view url_or_conninfo) {
  detail::soong_parameters ours;
  const std::string text = detail::take_soong_parameters(url_or_conninfo, ours);
  char* parse_error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(text.c_str(), &parse_error), &PQconninfoFree);
  if (options == nullptr) {
    std::string reason = parse_error != nullptr ? parse_error : "out of memory";
    if (parse_error != nullptr) PQfreemem(parse_error);
    throw error("invalid connection URL or conninfo: " +
                detail::without_secret(detail::without_url_passwords(std::move(reason)),
                                       detail::url_password(text)));
  }
  connection_config config;
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    const std::string_view key(o->keyword);
    const std::string value(o->val);
    if (key == "host") {
      config.host = value;
    } else if (key == "port") {
      // A multi-host list has a port list ("5432,5433"): keep it for libpq as it is.
      if (const std::optional<int> port = parse_int(value)) {
        config.port = port;
      } else {
        config.other.emplace_back("port", value);
      }
    } else if (key == "dbname") {
      config.dbname = value;
    } else if (key == "user") {
      config.user = value;
    } else if (key == "password") {
      config.password = value;
    } else if (key == "sslmode") {
      config.sslmode = value;
    } else if (key == "sslrootcert") {
      config.sslrootcert = value;
    } else if (key == "connect_timeout") {
      config.connect_timeout = require_int(value, "connect_timeout");
    } else if (key == "application_name") {
      config.application_name = value;
    } else {
      config.other.emplace_back(key, value);
    }
  }
  config.statement_cache = ours.statement_cache;
  return config;
}

std::string connection_config::environment_source() {
  if (environment("DATABASE_URL") != nullptr) return "DATABASE_URL";
  if (environment("CONNECTION_URL") != nullptr) return "CONNECTION_URL";
  for (const char* name : {"PG_HOST", "PG_PORT", "PG_DBNAME", "PG_USER", "PG_PASSWORD"}) {
    if (environment(name) != nullptr) return "PG_HOST/PG_PORT/PG_DBNAME/PG_USER/PG_PASSWORD";
  }
  return "libpq PG* variables and defaults";
}

connection_config connection_config::from_environment() {
  if (const char* url = environment("DATABASE_URL")) return with_environment_iam(parse(url));
  if (const char* url = environment("CONNECTION_URL")) return with_environment_iam(parse(url));
  connection_config config;
  if (const char* v = environment("PG_HOST")) config.host = v;
  if (const char* v = environment("PG_PORT")) config.port = require_int(v, "PG_PORT");
  if (const char* v = environment("PG_DBNAME")) config.dbname = v;
  if (const char* v = environment("PG_USER")) config.user = v;
  if (const char* v = environment("PG_PASSWORD")) config.password = v;
  return with_environment_iam(std::move(config));
}

connection_config connection_config::with_environment_iam(connection_config config) {
  const std::optional<bool> iam = iam_switch();
  const bool on_lambda = environment("AWS_LAMBDA_FUNCTION_NAME") != nullptr;
  const bool has_password = !config.password.empty() || environment("PGPASSWORD") != nullptr;
  config.iam.enabled = iam.value_or(on_lambda && !has_password);
  return config;
}

std::string connection_config::to_conninfo() const {
  std::string out;
  const auto add = [&out](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    if (!out.empty()) out += ' ';
    out += key;
    out += '=';
    out += quoted(value);
  };
  add("host", host);
  if (port) add("port", std::to_string(*port));
  add("dbname", dbname);
  add("user", user);
  if (!iam.enabled) add("password", password);
  // An explicit sslmode (here or PGSSLMODE) wins; IAM alone means TLS is required.
  if (!sslmode.empty()) {
    add("sslmode", sslmode);
  } else if (iam.enabled && environment("PGSSLMODE") == nullptr) {
    add("sslmode", "require");
  }
  add("sslrootcert", sslrootcert);
  if (connect_timeout) add("connect_timeout", std::to_string(*connect_timeout));
  add("application_name", application_name);
  for (const auto& [key, value] : other) add(key, value);
  return out;
}

std::string connection_config::conninfo_for_connect() const {
  if (!iam.enabled) return to_conninfo();
  rds::auth_token_request request;
  request.host = !host.empty() ? host : (environment("PGHOST") ? environment("PGHOST") : "");
  if (request.host.empty() || request.host.front() == '/') {
    throw connection_error(
        "RDS IAM authentication needs a TCP host name: set host (PG_HOST, DATABASE_URL or "
        "PGHOST) to the RDS endpoint");
  }
  if (port) {
    request.port = *port;
  } else if (const char* v = environment("PGPORT")) {
    request.port = require_int(v, "PGPORT");
  }
  request.user = !user.empty() ? user : (environment("PGUSER") ? environment("PGUSER") : "");
  if (request.user.empty()) {
    throw connection_error(
        "RDS IAM authentication needs a database user: set user (PG_USER, DATABASE_URL or "
        "PGUSER)");
  }
  request.region = iam.region;
  request.clock = iam.clock;
  std::string token;
  try {
    request.credentials = iam.credentials ? iam.credentials() : aws::credentials_from_environment();
    token = rds::generate_auth_token(request);
  } catch (const connection_error&) {
    throw;
  } catch (const error& e) {
    // Without a token there is no connection: a missing region or credentials is as much a
    // connect failure as a wrong host, and callers that retry connects should see it as one.
    throw connection_error(std::string("cannot sign an RDS IAM auth token: ") + e.what());
  }

  // The token is signed for exactly this host, port and user, so pin them in the conninfo.
  connection_config signed_config = *this;
  signed_config.host = request.host;
  signed_config.port = request.port;
  signed_config.user = request.user;
  signed_config.iam.enabled = false;  // so to_conninfo() writes the password...
  signed_config.password = std::move(token);
  if (signed_config.sslmode.empty() && environment("PGSSLMODE") == nullptr) {
    signed_config.sslmode = "require";  // ...and the IAM sslmode default stays
  }
  return signed_config.to_conninfo();
}

std::string connection_config::description() const {
  const auto or_default = [](const std::string& value) {
    return value.empty() ? std::string("(default)") : value;
  };
  std::string out = "host=" + or_default(host);
  out += " port=" + (port ? std::to_string(*port) : std::string("(default)"));
  out += " dbname=" + or_default(dbname);
  out += " user=" + or_default(user);
  if (!sslmode.empty()) out += " sslmode=" + sslmode;
  if (iam.enabled) out += " iam=on";
  if (statement_cache) out += " statement_cache=" + std::string(to_string(*statement_cache));
  return out;
}

}  // namespace soong
