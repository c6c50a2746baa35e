// database_target: resolving the server once, with the same precedence as the runtime, and
// showing it without secrets.

#include "lifecycle/database_target.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>

#include "soong/error.hpp"

namespace soong::gen::lifecycle {

namespace {

using conninfo_options = std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

/// libpq's view of a conninfo: every keyword, with the value libpq will use (given, else its
/// environment variable or built-in default).
conninfo_options parsed_with_defaults(const std::string& conninfo) {
  char* parse_error = nullptr;
  conninfo_options given(PQconninfoParse(conninfo.c_str(), &parse_error), &PQconninfoFree);
  if (given == nullptr) {
    // connection_config built this text, so it parses; an error here means out of memory.
    if (parse_error != nullptr) PQfreemem(parse_error);
    throw soong::error("cannot read the connection settings");
  }
  conninfo_options defaults(PQconndefaults(), &PQconninfoFree);
  if (defaults == nullptr) throw soong::error("cannot read libpq's connection defaults");
  for (PQconninfoOption* d = defaults.get(); d->keyword != nullptr; ++d) {
    for (const PQconninfoOption* g = given.get(); g->keyword != nullptr; ++g) {
      if (std::string_view(g->keyword) != d->keyword || g->val == nullptr) continue;
      free(d->val);  // PQconninfoFree frees with free(); keep the same allocator
      d->val = strdup(g->val);
    }
  }
  return defaults;
}

/// The value libpq will use for `keyword` ("" when none).
std::string value_of(const PQconninfoOption* options, std::string_view keyword) {
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (keyword == o->keyword) return o->val != nullptr ? o->val : "";
  }
  return "";
}

/// The keywords whose values are secrets.
bool is_secret(std::string_view keyword) {
  return keyword == "password" || keyword == "sslpassword";
}

}  // namespace

database_target::database_target(connection_config config, std::string source)
    : config_(std::move(config)), source_(std::move(source)) {}

database_target database_target::resolve(const target_options& options) {
  if (options.database_url) {
    return {
        connection_config::with_environment_iam(connection_config::parse(*options.database_url)),
        "--database-url"};
  }
  if (options.url_env) {
    const char* url = std::getenv(options.url_env->c_str());
    if (url == nullptr || *url == '\0') {
      throw soong::error(fmt::format("--url-env {}: the variable is not set", *options.url_env));
    }
    return {connection_config::with_environment_iam(connection_config::parse(url)),
            *options.url_env + " (--url-env)"};
  }
  std::string source = connection_config::environment_source();
  return {connection_config::from_environment(), std::move(source)};
}

std::string database_target::database_name() const {
  // Without a password: an IAM token is not needed to know the database's name.
  const conninfo_options options = parsed_with_defaults(config_.to_conninfo());
  const std::string dbname = value_of(options.get(), "dbname");
  return dbname.empty() ? value_of(options.get(), "user") : dbname;
}

database_target database_target::maintenance() const {
  connection_config config = config_;
  config.dbname = "postgres";
  return {std::move(config), source_};
}

std::string database_target::conninfo_for_connect() const { return config_.conninfo_for_connect(); }

std::string database_target::redacted() const {
  const std::string conninfo = config_.to_conninfo();
  const conninfo_options resolved = parsed_with_defaults(conninfo);
  std::string line = fmt::format("host={} port={} dbname={} user={}",
                                 value_of(resolved.get(), "host"), value_of(resolved.get(), "port"),
                                 database_name(), value_of(resolved.get(), "user"));
  // Then whatever else was set explicitly (sslmode, options, ...), secrets masked.
  const conninfo_options given(PQconninfoParse(conninfo.c_str(), nullptr), &PQconninfoFree);
  for (const PQconninfoOption* o = given.get(); o != nullptr && o->keyword != nullptr; ++o) {
    const std::string_view keyword(o->keyword);
    if (o->val == nullptr || keyword == "host" || keyword == "port" || keyword == "dbname" ||
        keyword == "user") {
      continue;
    }
    line += fmt::format(" {}={}", keyword, is_secret(keyword) ? "********" : o->val);
  }
  if (config_.iam.enabled) line += " iam=on";
  return line;
}

std::vector<std::pair<std::string, std::string>> database_target::libpq_environment() const {
  const std::string conninfo = config_.conninfo_for_connect();
  char* parse_error = nullptr;
  const conninfo_options given(PQconninfoParse(conninfo.c_str(), &parse_error), &PQconninfoFree);
  if (given == nullptr) {
    if (parse_error != nullptr) PQfreemem(parse_error);
    throw soong::error("cannot read the connection settings");
  }
  const conninfo_options defaults(PQconndefaults(), &PQconninfoFree);
  std::vector<std::pair<std::string, std::string>> variables;
  for (const PQconninfoOption* g = given.get(); g->keyword != nullptr; ++g) {
    if (g->val == nullptr) continue;
    for (const PQconninfoOption* d = defaults.get(); d->keyword != nullptr; ++d) {
      if (std::string_view(d->keyword) == g->keyword && d->envvar != nullptr) {
        variables.emplace_back(d->envvar, g->val);
      }
    }
  }
  return variables;
}

}  // namespace soong::gen::lifecycle
