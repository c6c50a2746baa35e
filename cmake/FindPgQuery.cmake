# FindPgQuery
# -----------
# Finds libpg_query (https://github.com/pganalyze/libpg_query), which ships neither a CMake
# config nor a pkg-config file (Debian package libpg-query-dev, 15-4.0.0).
#
# Result: the imported target PgQuery::PgQuery, and PgQuery_FOUND, PgQuery_INCLUDE_DIR,
# PgQuery_LIBRARY. Set PgQuery_ROOT to search a custom prefix first.

find_path(PgQuery_INCLUDE_DIR NAMES pg_query.h)
find_library(PgQuery_LIBRARY NAMES pg_query)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PgQuery REQUIRED_VARS PgQuery_LIBRARY PgQuery_INCLUDE_DIR)

if(PgQuery_FOUND AND NOT TARGET PgQuery::PgQuery)
  add_library(PgQuery::PgQuery UNKNOWN IMPORTED)
  set_target_properties(PgQuery::PgQuery PROPERTIES
    IMPORTED_LOCATION "${PgQuery_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${PgQuery_INCLUDE_DIR}")
endif()
mark_as_advanced(PgQuery_INCLUDE_DIR PgQuery_LIBRARY)
