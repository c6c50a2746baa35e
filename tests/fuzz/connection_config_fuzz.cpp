// Fuzz target: connection settings from a URL, a conninfo string and the environment
// (connection_config::parse/from_environment, soong's own `statement_cache`/`pooler` parameters,
// the UTF-8 client_encoding default, password scrubbing of libpq messages). Parsing either gives
// a config or throws soong::error; a parsed config written back as conninfo must parse again to
// the same settings (the conninfo quoting loses nothing).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <soong/connection.hpp>
#include <soong/connection_config.hpp>
#include <soong/error.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "secrets.hpp"
#include "soong_parameters.hpp"

namespace {

[[noreturn]] void fail(const char* what, const std::string& text) {
  std::fprintf(stderr, "connection_config_fuzz: %s: \"%s\"\n", what, text.c_str());
  std::abort();
}

/// libpq leaves keys given as '' out of nothing; to_conninfo() skips empty values.
std::vector<std::pair<std::string, std::string>> non_empty(
    const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& pair : pairs) {
    if (!pair.second.empty()) out.push_back(pair);
  }
  return out;
}

void check_round_trip(const soong::connection_config& config) {
  const std::string conninfo = config.to_conninfo();
  soong::connection_config again;
  try {
    again = soong::connection_config::parse(conninfo);
  } catch (const soong::error& e) {
    fail(e.what(), conninfo);
  }
  if (again.host != config.host || again.port != config.port || again.dbname != config.dbname ||
      again.user != config.user || again.password != config.password ||
      again.sslmode != config.sslmode || again.sslrootcert != config.sslrootcert ||
      again.connect_timeout != config.connect_timeout ||
      again.application_name != config.application_name ||
      non_empty(again.other) != non_empty(config.other)) {
    fail("conninfo does not parse back to the same settings", conninfo);
  }
}

void parse_text(const std::string& text) {
  try {
    const soong::connection_config config = soong::connection_config::parse(text);
    static_cast<void>(config.description());
    check_round_trip(config);
  } catch (const soong::error& e) {
    static_cast<void>(soong::detail::without_url_passwords(e.what()));
  }
  soong::detail::soong_parameters ours;
  try {
    static_cast<void>(soong::detail::take_soong_parameters(text, ours));
  } catch (const soong::error&) {
  }
  static_cast<void>(soong::detail::with_utf8_client_encoding(text));
  static_cast<void>(soong::detail::without_url_passwords(text));
}

/// The variables the runtime reads, filled from the input's NUL-separated fields in this order.
constexpr const char* variables[] = {"DATABASE_URL",     "CONNECTION_URL",
                                     "PG_HOST",          "PG_PORT",
                                     "PG_DBNAME",        "PG_USER",
                                     "PG_PASSWORD",      "PG_IAM_AUTH",
                                     "PGPASSWORD",       "PGSSLMODE",
                                     "PGCLIENTENCODING", "SOONG_STATEMENT_CACHE",
                                     "SOONG_POOLER",     "AWS_LAMBDA_FUNCTION_NAME"};

constexpr std::size_t variable_count = sizeof variables / sizeof variables[0];

void from_environment(std::string_view input) {
  // putenv() with buffers of our own: setenv() keeps every value it was ever given, which a
  // long campaign would pile up until it hits the RSS limit.
  static std::string entries[variable_count];
  for (std::size_t i = 0; i < variable_count; ++i) {
    const std::size_t end = input.find('\0');
    const std::string_view value = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    unsetenv(variables[i]);
    if (!value.empty()) {
      entries[i] = std::string(variables[i]) + "=" + std::string(value);
      putenv(entries[i].data());
    }
  }
  try {
    const soong::connection_config config = soong::connection_config::from_environment();
    static_cast<void>(config.to_conninfo());
    static_cast<void>(config.description());
  } catch (const soong::error&) {
  }
  try {
    static_cast<void>(soong::detail::statement_cache_from_environment());
  } catch (const soong::error&) {
  }
  static_cast<void>(soong::conninfo_from_environment());
  for (const char* name : variables) unsetenv(name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 4 == 0) {
    from_environment(rest);
  } else {
    // A NUL ends the text where a C string would (URLs come from char* variables and argv).
    parse_text(std::string(rest.substr(0, rest.find('\0'))));
  }
  return 0;
}
