#include "oracle/extension_packages.hpp"

#include <fmt/format.h>

#include <array>

namespace soong::gen {
namespace {

struct extension_package {
  std::string_view extension;
  std::string_view package;  // {0} is the server's major version
  std::string_view where;    // empty: Debian's own archive
};

constexpr std::string_view pgdg = "apt.postgresql.org";

// clang-format off
constexpr std::array<extension_package, 24> known_packages{{
  {"vector",                 "postgresql-{0}-pgvector",  pgdg},
  {"postgis",                "postgresql-{0}-postgis-3", ""},
  {"postgis_raster",         "postgresql-{0}-postgis-3", ""},
  {"postgis_topology",       "postgresql-{0}-postgis-3", ""},
  {"postgis_sfcgal",         "postgresql-{0}-postgis-3", ""},
  {"postgis_tiger_geocoder", "postgresql-{0}-postgis-3", ""},
  {"address_standardizer",   "postgresql-{0}-postgis-3", ""},
  {"pgrouting",              "postgresql-{0}-pgrouting", ""},
  {"pg_cron",                "postgresql-{0}-cron",      ""},
  {"pg_partman",             "postgresql-{0}-partman",   ""},
  {"pg_repack",              "postgresql-{0}-repack",    ""},
  {"pgaudit",                "postgresql-{0}-pgaudit",   ""},
  {"hypopg",                 "postgresql-{0}-hypopg",    ""},
  {"ip4r",                   "postgresql-{0}-ip4r",      ""},
  {"orafce",                 "postgresql-{0}-orafce",    ""},
  {"pgtap",                  "postgresql-{0}-pgtap",     ""},
  {"semver",                 "postgresql-{0}-semver",    ""},
  {"prefix",                 "postgresql-{0}-prefix",    ""},
  {"periods",                "postgresql-{0}-periods",   ""},
  {"rum",                    "postgresql-{0}-rum",       ""},
  {"hll",                    "postgresql-{0}-hll",       ""},
  {"plpython3u",             "postgresql-plpython3-{0}", ""},
  {"plperl",                 "postgresql-plperl-{0}",    ""},
  {"pltcl",                  "postgresql-pltcl-{0}",     ""},
}};
// clang-format on

}  // namespace

std::optional<extension_package_hint> package_for_extension(std::string_view extension,
                                                            int server_major) {
  for (const extension_package& row : known_packages) {
    if (row.extension != extension) continue;
    return extension_package_hint{fmt::format(fmt::runtime(row.package), server_major), row.where};
  }
  return std::nullopt;
}

}  // namespace soong::gen
