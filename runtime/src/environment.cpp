// Connection parameters from the environment (README.md, "Where connection settings come
// from"): DATABASE_URL, then the PG_* names serverless Python helpers use, then libpq's own PG*
// variables.

#include <cstdlib>
#include <string>

#include "soong/connection.hpp"

namespace soong {

namespace {
/// Quotes a conninfo value: single quotes, with backslash and quote escaped (libpq syntax).
std::string quote_conninfo_value(const char* value) {
  std::string out = "'";
  for (const char* p = value; *p != '\0'; ++p) {
    if (*p == '\\' || *p == '\'') out += '\\';
    out += *p;
  }
  return out + "'";
}
}  // namespace

std::string conninfo_from_environment() {
  if (const char* url = std::getenv("DATABASE_URL"); url != nullptr && *url != '\0') return url;
  static constexpr std::pair<const char*, const char*> names[] = {{"PG_HOST", "host"},
                                                                  {"PG_PORT", "port"},
                                                                  {"PG_DBNAME", "dbname"},
                                                                  {"PG_USER", "user"},
                                                                  {"PG_PASSWORD", "password"}};
  std::string conninfo;
  for (const auto& [variable, keyword] : names) {
    const char* value = std::getenv(variable);
    if (value == nullptr || *value == '\0') continue;
    if (!conninfo.empty()) conninfo += ' ';
    conninfo += keyword;
    conninfo += '=';
    conninfo += quote_conninfo_value(value);
  }
  // Keys left out here are filled by libpq from PGHOST, PGPORT, ... and its defaults.
  return conninfo;
}

}  // namespace soong
