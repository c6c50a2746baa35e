#include "emit/statement_emitter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "emit/file_layout.hpp"

namespace soong::gen {
namespace {

// Text PostgreSQL types the JSON variants return as (`json`; OID from pg_type.dat).
constexpr std::string_view json_type_ref = R"({114, "pg_catalog", "json"})";

void write_type_refs(code_writer& w, const std::string& name,
                     const std::vector<field_model>& fields) {
  w.linef("constexpr soong::type_ref {}[] = {{", name);
  w.indent();
  for (const field_model& f : fields) {
    // A name ending in a backslash would splice the next line into the comment, and one with a
    // newline would end it: such names are shown as C++ string literals.
    const bool plain = !f.sql_name.ends_with('\\') &&
                       std::none_of(f.sql_name.begin(), f.sql_name.end(),
                                    [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    w.linef("{},  // {}", f.type_ref, plain ? f.sql_name : cpp_string_literal(f.sql_name));
  }
  w.dedent();
  w.line("};");
}

void write_descriptor(code_writer& w, const std::string& variable, const std::string& name,
                      const std::string& sql, const std::string& params,
                      const std::string& columns) {
  w.linef("const soong::statement {}{{", variable);
  w.indent();
  w.linef(".name = {},", cpp_string_literal(name));
  // The raw string starts on a new line so the SQL keeps its own indentation.
  w.line(".sql =");
  w.raw(raw_string_literal(sql));
  w.raw(",\n");
  if (!params.empty()) w.linef(".params = {},", params);
  if (!columns.empty()) w.linef(".columns = {},", columns);
  w.dedent();
  w.line("};");
}

}  // namespace

void write_statement_declarations(code_writer& w, const query_model& q) {
  if (q.source->cmd == command::copyfrom) return;  // COPY has its own descriptor
  w.linef("extern const soong::statement {};", q.names.statement);
  if (!q.names.json_statement.empty())
    w.linef("extern const soong::statement {};", q.names.json_statement);
}

void write_statement_definitions(code_writer& w, const query_model& q) {
  const std::string params = q.params.empty() ? "" : q.names.param_types;
  const std::string columns = q.columns.empty() ? "" : q.names.column_types;
  if (!params.empty()) write_type_refs(w, params, q.params);
  if (!columns.empty()) write_type_refs(w, columns, q.columns);
  if (q.source->cmd == command::copyfrom) return;
  write_descriptor(w, q.names.statement, q.source->name,
                   std::string(strip_statement_end(q.source->rewritten_sql)), params, columns);
  if (!q.names.json_statement.empty()) {
    w.linef("constexpr soong::type_ref {}[] = {{{}}};", q.names.json_column_types, json_type_ref);
    write_descriptor(w, q.names.json_statement, q.source->name + " (json)",
                     json_variant_sql(*q.source), params, q.names.json_column_types);
  }
}

namespace {
std::string_view trim_leading_space(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? text : text.substr(first);
}

std::string sql_string_literal(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// With `sqlc.embed` members, a row's columns are renamed by position (`c1`, `c2`, ...; the
// embedded tables' names may repeat) and the object is built key by key: an embedded table is
// a nested object, or null when it is on the nullable side of an outer join and all its
// columns are NULL.
std::string embedded_row_object(const query& q, std::string_view name) {
  const auto column = [&](std::size_t i) { return fmt::format("{}.c{}", name, i + 1); };
  const auto pair = [&](std::size_t i) {
    return fmt::format("{}, {}", sql_string_literal(q.columns[i].name), column(i));
  };
  std::vector<std::string> pairs;
  for (std::size_t i = 0; i < q.columns.size();) {
    const auto embed = std::find_if(q.embeds.begin(), q.embeds.end(),
                                    [&](const embedded_table& e) { return e.first_column == i; });
    if (embed == q.embeds.end()) {
      pairs.push_back(pair(i++));
      continue;
    }
    std::vector<std::string> fields, all_null;
    for (std::size_t k = i; k < i + embed->column_count; ++k) {
      fields.push_back(pair(k));
      all_null.push_back(column(k) + " IS NULL");
    }
    std::string object = fmt::format("json_build_object({})", fmt::join(fields, ", "));
    if (embed->nullable) {
      object =
          fmt::format("CASE WHEN {} THEN NULL ELSE {} END", fmt::join(all_null, " AND "), object);
    }
    pairs.push_back(fmt::format("{}, {}", sql_string_literal(embed->name), object));
    i += embed->column_count;
  }
  return fmt::format("json_build_object({})", fmt::join(pairs, ", "));
}

std::string position_names(const query& q) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < q.columns.size(); ++i) names.push_back(fmt::format("c{}", i + 1));
  return fmt::format("({})", fmt::join(names, ", "));
}

}  // namespace

std::string json_variant_sql(const query& q) {
  const std::string_view body = strip_statement_end(q.rewritten_sql);
  const bool embeds = !q.embeds.empty();
  const std::string columns = embeds ? position_names(q) : "";
  const auto object = [&](std::string_view name) {
    return embeds ? embedded_row_object(q, name) : fmt::format("row_to_json({})", name);
  };
  // array_agg over a plain CTE scan keeps the query's row order (ORDER BY included).
  const auto select = [&](std::string_view name) {
    return q.cmd == command::one
               ? fmt::format("SELECT {} FROM {} LIMIT 1", object(name), name)
               : fmt::format("SELECT coalesce(array_to_json(array_agg({})), '[]') FROM {}",
                             object(name), name);
  };
  if (q.main_statement_offset > 0 && q.main_statement_offset < body.size()) {
    // The statement's own WITH list stays at the top level (a data-modifying CTE must be
    // there), and the rows join it under a name the user's CTEs are unlikely to have.
    return fmt::format(
        "{},\nsoong_json_rows{} AS (\n{}\n)\n{}", body.substr(0, q.main_statement_offset), columns,
        trim_leading_space(body.substr(q.main_statement_offset)), select("soong_json_rows"));
  }
  return fmt::format("WITH q{} AS (\n{}\n)\n{}", columns, body, select("q"));
}

}  // namespace soong::gen
