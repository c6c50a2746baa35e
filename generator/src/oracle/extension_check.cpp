#include "oracle/extension_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>

#include "diag/codes.hpp"
#include "diag/source_file.hpp"
#include "oracle/extension_packages.hpp"
#include "oracle/pg_handles.hpp"
#include "parse/created_extensions.hpp"

namespace soong::gen {
namespace {

std::set<std::string> available_extensions(PGconn* conn) {
  const oracle_detail::result_ptr result = oracle_detail::exec_checked(
      conn, "available extensions", "SELECT name FROM pg_catalog.pg_available_extensions");
  std::set<std::string> names;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    names.insert(oracle_detail::text_at(result.get(), row, 0));
  }
  return names;
}

std::string missing_message(const std::string& extension, int server_major) {
  const std::string intro = fmt::format(
      "extension \"{}\" is not installed on the PostgreSQL {} server soong types queries with",
      extension, server_major);
  if (const auto hint = package_for_extension(extension, server_major)) {
    return hint->repository.empty()
               ? fmt::format("{}; install it with `apt-get install {}`", intro, hint->package)
               : fmt::format("{}; install it with `apt-get install {}` (package from {})", intro,
                             hint->package, hint->repository);
  }
  return fmt::format(
      "{}; soong does not know which package provides it: install the extension for PostgreSQL "
      "{} (its files go to the server's share/extension folder)",
      intro, server_major);
}

}  // namespace

void check_schema_extensions(PGconn* conn, const std::vector<schema_file_text>& originals,
                             const std::vector<schema_sql>& schema, diagnostics& diags) {
  std::set<std::string> available;
  bool read = false;
  const int server_major = PQserverVersion(conn) / 10000;
  for (const schema_sql& s : schema) {
    const std::vector<created_extension> created = find_created_extensions(s.sql);
    if (created.empty()) continue;
    if (!read) {
      available = available_extensions(conn);
      read = true;
    }
    const auto original = std::find_if(originals.begin(), originals.end(),
                                       [&](const schema_file_text& f) { return f.path == s.path; });
    const source_file file(s.path, original != originals.end() ? original->text : s.sql);
    for (const created_extension& e : created) {
      if (available.count(e.name) != 0) continue;
      diags.add(make_diagnostic(file, e.offset, e.length, severity::error,
                                missing_message(e.name, server_major),
                                codes::extension_not_installed));
    }
  }
}

}  // namespace soong::gen
