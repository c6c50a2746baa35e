#pragma once
// soong's own connection settings, carried beside libpq's: in a URL's query
// (`postgresql://h/db?pooler=transaction`), in a conninfo string (`statement_cache=off`) and in
// the environment (`SOONG_STATEMENT_CACHE`, `SOONG_POOLER`). libpq refuses keywords it does not
// know, so they are taken out before it sees the text.

#include <optional>
#include <string>
#include <string_view>

#include "soong/connection.hpp"

namespace soong::detail {

/// What a URL or conninfo string said about soong's settings.
struct soong_parameters {
  std::optional<statement_cache_mode> statement_cache;
};

/// `url_or_conninfo` without soong's parameters (`statement_cache`, `pooler`), which are parsed
/// into `out`. Where both are given, `statement_cache` wins. Text libpq cannot parse is returned
/// unchanged, for libpq to report. Throws soong::error for an invalid value.
[[nodiscard]] std::string take_soong_parameters(std::string_view url_or_conninfo,
                                                soong_parameters& out);

/// `conninfo` with `client_encoding=UTF8` added unless it or `PGCLIENTENCODING` sets one. soong
/// reads and writes UTF-8 (C++ strings, JSON); libpq's default is the database's encoding, so
/// a LATIN1 or SQL_ASCII database would store UTF-8 bytes as if they were LATIN1 characters
/// instead of converting them or refusing what LATIN1 cannot hold.
[[nodiscard]] std::string with_utf8_client_encoding(std::string conninfo);

/// `SOONG_STATEMENT_CACHE`, else `SOONG_POOLER`, else nullopt.
[[nodiscard]] std::optional<statement_cache_mode> statement_cache_from_environment();

/// The mode a connection uses: the code's option, else the URL's, else the environment's, else
/// `automatic`.
[[nodiscard]] statement_cache_mode resolve_statement_cache(const connection_options& options,
                                                           const soong_parameters& url);

}  // namespace soong::detail
