#include "drift/vet_crud.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "oracle/catalog_reader.hpp"
#include "oracle/type_catalog.hpp"

namespace soong::gen::drift {

namespace {

std::string type_text(const pg_type& t) {
  std::string out = t.schema == "pg_catalog" ? t.name : t.schema + "." + t.name;
  for (int i = 0; i < t.array_dims; ++i) out += "[]";
  return out;
}

bool same_type(const pg_type& a, const pg_type& b) {
  return a.schema == b.schema && a.name == b.name && a.array_dims == b.array_dims;
}

bool never_written(column_write w) {
  return w == column_write::identity_always || w == column_write::generated;
}

/// Where the table was asked for: its `-- soong:crud` line, else the command line.
source_location request_location(const crud_request& request,
                                 const std::vector<vet_query_file>& files) {
  const std::string qualified = request.schema + "." + request.table;
  for (const vet_query_file& file : files) {
    std::istringstream lines(file.text);
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
      const std::size_t marker = line.find("soong:crud");
      if (marker == std::string::npos) continue;
      const std::size_t dashes = line.find_first_not_of(" \t");
      if (dashes == std::string::npos || line.compare(dashes, 2, "--") != 0) continue;
      std::istringstream words(line.substr(marker + 10));
      std::string table;
      words >> table;
      if (table != qualified && !(request.schema == "public" && table == request.table)) {
        continue;
      }
      return {file.path, number, static_cast<int>(line.find(table, marker) + 1)};
    }
  }
  return {"--crud", 0, 0};
}

}  // namespace

std::vector<vet_finding> vet_crud_tables(PGconn* live, const ir& generated,
                                         const std::vector<vet_query_file>& files) {
  std::vector<vet_finding> out;
  if (generated.crud.empty()) return out;
  type_catalog types(live);
  ir now;
  read_schema_objects(live, types, now);
  for (const crud_request& request : generated.crud) {
    const auto matches = [&](const table& t) {
      return t.schema == request.schema && t.name == request.table;
    };
    const auto want = std::find_if(generated.tables.begin(), generated.tables.end(), matches);
    if (want == generated.tables.end()) continue;  // resolved against the schema: not reached
    const source_location where = request_location(request, files);
    const std::string who = fmt::format("CRUD {}.{}", request.schema, request.table);
    const auto add = [&](std::string message) { out.push_back({where, who, std::move(message)}); };
    const auto have = std::find_if(now.tables.begin(), now.tables.end(), matches);
    if (have == now.tables.end()) {
      add("the table no longer exists");
      continue;
    }
    for (const table_column& c : want->columns) {
      const auto live_column =
          std::find_if(have->columns.begin(), have->columns.end(),
                       [&](const table_column& x) { return x.name == c.name; });
      if (live_column == have->columns.end()) {
        add(fmt::format("column \"{}\": gone from the database", c.name));
        continue;
      }
      if (!same_type(c.type, live_column->type)) {
        add(fmt::format("column \"{}\": type {} when generated, {} in the database", c.name,
                        type_text(c.type), type_text(live_column->type)));
      }
      if (c.not_null && !live_column->not_null) {
        add(fmt::format("column \"{}\": NOT NULL when generated, nullable in the database",
                        c.name));
      }
      if (!never_written(c.write) && never_written(live_column->write)) {
        add(
            fmt::format("column \"{}\": written by the generated code, but generated always in "
                        "the database",
                        c.name));
      }
    }
    for (const table_column& c : have->columns) {
      const bool known = std::any_of(want->columns.begin(), want->columns.end(),
                                     [&](const table_column& x) { return x.name == c.name; });
      if (!known && c.not_null && c.write == column_write::plain) {
        add(
            fmt::format("column \"{}\": new NOT NULL column without a default, which the "
                        "generated insert cannot give a value",
                        c.name));
      }
    }
  }
  return out;
}

}  // namespace soong::gen::drift
