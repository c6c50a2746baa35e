#include "driver/crud_requests.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <tuple>

#include "diag/codes.hpp"
#include "emit/crud_model.hpp"
#include "emit/emit_options.hpp"
#include "emit/model.hpp"
#include "oracle/describe.hpp"
#include "parse/closest_match.hpp"

namespace soong::gen {
namespace {

constexpr std::string_view marker = "soong:crud";

diagnostic at(const crud_request_text& request, severity level, std::string message,
              const char* code) {
  diagnostic d;
  d.level = level;
  d.location = request.where;
  d.message = std::move(message);
  d.code = code;
  d.source_line = request.source_line;
  d.length = request.source_line.empty() ? 1 : request.text.size();
  return d;
}

/// `[schema.]table` and `version=column` of one request; false when malformed.
bool split_request(const std::string& text, std::string& schema, std::string& name,
                   std::string& version) {
  std::istringstream words(text);
  std::string table;
  if (!(words >> table)) return false;
  std::string option;
  while (words >> option) {
    if (!option.starts_with("version=") || option.size() == 8 || !version.empty()) return false;
    version = option.substr(8);
  }
  const auto dot = table.find('.');
  schema = dot == std::string::npos ? "public" : table.substr(0, dot);
  name = dot == std::string::npos ? table : table.substr(dot + 1);
  return !schema.empty() && !name.empty() && name.find('.') == std::string::npos;
}

bool is_integer(const pg_type& type) {
  return type.array_dims == 0 && type.schema == "pg_catalog" &&
         (type.name == "int2" || type.name == "int4" || type.name == "int8");
}

}  // namespace

std::vector<crud_request_text> find_crud_annotations(const source_file& file) {
  std::vector<crud_request_text> out;
  const std::string& text = file.text();
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    std::size_t i = line.find_first_not_of(" \t");
    if (i != std::string_view::npos && line.substr(i).starts_with("--")) {
      i = line.find_first_not_of(" \t", i + 2);
      if (i != std::string_view::npos && line.substr(i).starts_with(marker)) {
        std::size_t rest = line.find_first_not_of(" \t", i + marker.size());
        std::string request =
            rest == std::string_view::npos ? std::string() : std::string(line.substr(rest));
        while (!request.empty() && (request.back() == '\r' || request.back() == ' ')) {
          request.pop_back();
        }
        crud_request_text r;
        r.text = request;
        r.where = file.location_of(start + (rest == std::string_view::npos ? i : rest));
        r.source_line = std::string(file.line_text(r.where.line));
        out.push_back(std::move(r));
      }
    }
    start = end + 1;
  }
  return out;
}

void resolve_crud_requests(const std::vector<crud_request_text>& requests, ir& model,
                           diagnostics& diags) {
  std::map<std::pair<std::string, std::string>, crud_request> resolved;
  std::vector<std::string> names;
  for (const table& t : model.tables) names.push_back(t.schema + "." + t.name);
  for (const crud_request_text& request : requests) {
    std::string schema, name, version;
    if (!split_request(request.text, schema, name, version)) {
      diags.add(at(request, severity::error,
                   fmt::format("malformed CRUD request '{}': expected [schema.]table "
                               "[version=column]",
                               request.text),
                   codes::crud_malformed_request));
      continue;
    }
    const auto t = std::find_if(model.tables.begin(), model.tables.end(), [&](const table& x) {
      return x.schema == schema && x.name == name;
    });
    if (t == model.tables.end()) {
      std::string message = fmt::format(
          "CRUD functions asked for table {}.{}, which the schema "
          "does not have",
          schema, name);
      if (const auto close = closest_match(schema + "." + name, names)) {
        message += fmt::format("; did you mean {}?", *close);
      }
      diags.add(at(request, severity::error, message, codes::crud_unknown_table));
      continue;
    }
    if (!version.empty()) {
      const auto c = std::find_if(t->columns.begin(), t->columns.end(),
                                  [&](const table_column& x) { return x.name == version; });
      if (c == t->columns.end() || !is_integer(c->type) || !c->not_null) {
        diags.add(at(request, severity::error,
                     fmt::format("version column '{}' of {}.{} must be a NOT NULL integer column",
                                 version, schema, name),
                     codes::crud_malformed_request));
        continue;
      }
    }
    if (t->primary_key.empty()) {
      diags.add(
          at(request, severity::warning,
             fmt::format("{} {}.{} has no primary key: only {} generated",
                         t->is_view ? "view" : "table", schema, name,
                         t->is_view ? "select_T is" : "insert_T, insert_T_many and select_T are"),
             codes::crud_without_primary_key));
    }
    crud_request& r = resolved[{schema, name}];
    r.schema = schema;
    r.table = name;
    if (!version.empty()) r.version_column = version;
  }
  model.crud.clear();
  for (auto& [key, request] : resolved) model.crud.push_back(std::move(request));
}

void check_crud_statements(PGconn* conn, type_catalog& types, const ir& model,
                           const std::vector<crud_request_text>& requests, diagnostics& diags) {
  if (model.crud.empty()) return;
  ir tables_only = model;
  tables_only.queries.clear();
  std::vector<diagnostic> ignored;  // type mapping errors are reported by the emitter
  const emit_model emitted = build_model(tables_only, emit_options{}, ignored);
  if (!ignored.empty()) return;
  for (const crud_request& request : model.crud) {
    const crud_table_model t = build_crud_model(model, emitted, request);
    // The request that named the table, for the diagnostic's place.
    crud_request_text where;
    where.where.file = "soong";
    for (const crud_request_text& r : requests) {
      if (r.text.starts_with(t.display) || r.text.starts_with(t.sql_name)) where = r;
    }
    for (const crud_check_statement& s : crud_statements_to_check(t)) {
      const statement_description d =
          describe_statement(conn, types, s.sql, [](int) { return file_position{}; });
      if (!d.error) continue;
      diags.add(at(where, severity::error,
                   fmt::format("{}: PostgreSQL rejected the generated statement: {}\n{}",
                               s.function, d.error->message, s.sql),
                   codes::crud_statement_rejected));
    }
  }
}

}  // namespace soong::gen
