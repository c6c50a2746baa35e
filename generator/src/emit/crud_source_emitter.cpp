// The CRUD source of one table: statement texts, parameter types and the function bodies.

#include <fmt/format.h>

#include <algorithm>
#include <soong/crud_sql.hpp>
#include <string>
#include <vector>

#include "emit/code_writer.hpp"
#include "emit/crud_emit_parts.hpp"
#include "emit/crud_emitter.hpp"
#include "emit/file_layout.hpp"
#include "emit/prepare_all_emitter.hpp"
#include "emit/schema_emitter.hpp"

namespace soong::gen {

namespace {

void write_string_views(code_writer& w, std::string_view name,
                        const std::vector<std::string>& items) {
  w.linef("constexpr std::string_view {}[] = {{", name);
  w.indent();
  for (const std::string& item : items) w.linef("{},", cpp_string_literal(item));
  w.dedent();
  w.line("};");
}

void write_type_refs(code_writer& w, std::string_view name,
                     const std::vector<std::pair<std::string, std::string>>& refs) {
  w.linef("constexpr soong::type_ref {}[] = {{", name);
  w.indent();
  for (const auto& [ref, comment] : refs) w.linef("{},  // {}", ref, comment);
  w.dedent();
  w.line("};");
}

void write_fixed_statement(code_writer& w, std::string_view variable, std::string_view function,
                           const std::string& sql, std::string_view params,
                           std::string_view columns) {
  w.linef("const soong::statement {}{{", variable);
  w.indent();
  w.linef(".name = \"{}\",", function);
  w.line(".sql =");
  w.raw(raw_string_literal(sql));
  w.raw(",\n");
  w.linef(".params = {},", params);
  w.linef(".columns = {},", columns);
  w.dedent();
  w.line("};");
}

/// The columns of a unique or foreign key in table order: the order crud_sql numbers their
/// parameters in (a key declared `UNIQUE (b, a)` still binds `a` first).
std::vector<std::size_t> in_table_order(const crud_key_model& k) {
  std::vector<std::size_t> columns = k.columns;
  std::sort(columns.begin(), columns.end());
  return columns;
}

/// `get_<prefix>_by_<suffix>`, the lookup by unique key `u`.
std::string get_by_function(const crud_names& n, const crud_key_model& u) {
  return fmt::format("{}_by_{}", n.get, u.suffix);
}

/// Writes `<prefix>_<what>_sql`, which builds the SQL of one shape with crud_sql.
void write_builder(code_writer& w, const crud_table_model& t, std::string_view what,
                   std::string_view doc, const std::vector<std::string>& body) {
  w.blank();
  write_doc_comment(w, doc);
  w.line(format_call(fmt::format("[[nodiscard]] std::string {}_{}_sql", t.prefix, what),
                     {"const soong::detail::crud_table& t", "std::string_view shape"}, " {"));
  w.indent();
  for (const std::string& line : body) w.line(line);
  w.dedent();
  w.line("}");
}

/// `detail::<prefix>_<what>_sql`, the builder a call passes to crud_call::run.
std::string builder(const crud_table_model& t, std::string_view what) {
  return fmt::format("detail::{}_{}_sql", t.prefix, what);
}

/// Binds a T_new's writable columns (`row.<field>`) to `call` with column offset `offset`.
void write_bind_new(code_writer& w, const crud_table_model& t, const crud_names& n,
                    std::string_view row, std::size_t offset = 0) {
  for (const crud_column_model& c : t.columns) {
    const std::string bind = fmt::format(
        "call.bind({}, soong::crud_sql::mark::value, detail::{}[{}], {}.{}{});", c.index + offset,
        n.types, c.index, row, c.field, c.new_kind == new_field_kind::defaulted ? ".value()" : "");
    switch (c.new_kind) {
      case new_field_kind::absent:
        break;
      case new_field_kind::required:
      case new_field_kind::nullable:
        w.line(bind);
        break;
      case new_field_kind::defaulted:
        w.linef("if (!{}.{}.uses_default()) {{", row, c.field);
        w.indent();
        w.line(bind);
        w.dedent();
        w.line("}");
        break;
    }
  }
}

void write_bind_patch(code_writer& w, const crud_table_model& t, const crud_names& n,
                      std::string_view patch, std::size_t offset = 0) {
  for (const crud_column_model& c : t.columns) {
    if (!c.patchable() || static_cast<int>(c.index) == t.version_column) continue;
    w.linef("if ({}.{}.is_set()) {{", patch, c.field);
    w.indent();
    w.linef("call.bind({}, soong::crud_sql::mark::value, detail::{}[{}], {}.{}.value());",
            c.index + offset, n.types, c.index, patch, c.field);
    w.dedent();
    w.line("}");
  }
}

void write_bind_key(code_writer& w, const crud_table_model& t, const crud_names& n) {
  const std::vector<std::string> args = key_arguments(t);
  for (std::size_t i = 0; i < args.size(); ++i) {
    w.linef("call.bind_extra(detail::{}[{}], {});", n.types, t.key[i], args[i]);
  }
}

/// Binds the page (keyset `after` and limit) of a select-shaped call.
void write_bind_page(code_writer& w, const crud_table_model& t, const crud_names& n) {
  if (!t.has_key()) {
    w.line("call.bind_extra(soong::detail::crud_limit_type, limit);");
    return;
  }
  w.line("if (page.after) {");
  w.indent();
  w.line("call.flag('>');");
  if (t.composite_key()) {
    for (const std::size_t i : t.key) {
      w.linef("call.bind_extra(detail::{}[{}], page.after->{});", n.types, i, t.columns[i].field);
    }
  } else {
    w.linef("call.bind_extra(detail::{}[{}], *page.after);", n.types, t.key.front());
  }
  w.dedent();
  w.line("}");
  w.line("call.bind_extra(soong::detail::crud_limit_type, page.limit);");
}

void write_read_rows(code_writer& w, const crud_names& n) {
  w.line("std::vector<" + n.row + "> out;");
  w.line("out.reserve(static_cast<std::size_t>(r.rows()));");
  w.linef("for (int i = 0; i < r.rows(); ++i) out.push_back(detail::{}(r, i));", n.read_row);
  w.line("return out;");
}

}  // namespace

std::string emit_crud_source(const emit_model& model, const crud_table_model& t,
                             const emit_options& options) {
  const crud_names n(t);
  code_writer w;
  write_banner(w, options.generator_version, banner_source(t, options));
  w.blank();
  w.linef("#include \"{}.hpp\"", crud_file_stem(t));
  w.blank();
  w.line("#include <soong/crud_call.hpp>");
  w.line("#include <soong/prepare_all.hpp>");
  w.blank();
  open_namespace(w, model, true);

  std::vector<std::string> quoted, sql_types;
  std::vector<std::pair<std::string, std::string>> types, arrays, row_types, key_types;
  for (const crud_column_model& c : t.columns) {
    quoted.push_back(c.quoted);
    sql_types.push_back(c.sql_type);
    types.emplace_back(c.type_ref, c.sql_name);
    arrays.emplace_back(c.array_type_ref.empty() ? "{}" : c.array_type_ref, c.sql_name + "[]");
  }
  for (const std::size_t i : t.key) key_types.push_back(types[i]);
  write_string_views(w, n.columns, quoted);
  write_string_views(w, n.sql_types, sql_types);
  if (t.has_key()) {
    std::string keys;
    for (const std::size_t i : t.key) keys += (keys.empty() ? "" : ", ") + std::to_string(i);
    w.linef("constexpr std::uint16_t {}[] = {{{}}};", n.key_indexes, keys);
  }
  write_type_refs(w, n.types, types);
  write_type_refs(w, n.array_types, arrays);
  std::vector<std::pair<std::string, std::string>> upsert = types;
  upsert.emplace_back("{16, \"pg_catalog\", \"bool\"}", "inserted");
  write_type_refs(w, n.upsert_types, upsert);
  w.linef("const soong::detail::crud_table {}{{", n.table);
  w.indent();
  w.linef(".name = {},", cpp_string_literal(t.display));
  w.linef(".text = {{{}, {}, {}, {}}},", cpp_string_literal(t.relation), n.columns, n.sql_types,
          t.has_key() ? n.key_indexes : "{}");
  w.linef(".types = {},", n.types);
  w.linef(".array_types = {},", n.array_types);
  w.linef(".row_types = std::span<const soong::type_ref>({}, {}),", n.upsert_types,
          t.columns.size());
  w.linef(".upsert_types = {},", n.upsert_types);
  w.dedent();
  w.line("};");

  std::vector<std::string> fixed;  // the statements prepare_all prepares
  if (t.has_key()) {
    write_type_refs(w, n.key_types, key_types);
    w.linef("constexpr soong::type_ref {}[] = {{{{16, \"pg_catalog\", \"bool\"}}}};",
            n.exists_types);
    // The fixed statements: the same text crud_sql builds, printed so it can be read here.
    std::vector<std::string_view> q(quoted.begin(), quoted.end());
    std::vector<std::string_view> st(sql_types.begin(), sql_types.end());
    std::vector<std::uint16_t> key;
    for (const std::size_t i : t.key) key.push_back(static_cast<std::uint16_t>(i));
    const soong::crud_sql::table_text text{t.relation, q, st, key};
    const std::string rows = fmt::format("{}.row_types", n.table);
    write_fixed_statement(w, n.get_statement, n.get, soong::crud_sql::get(text), n.key_types, rows);
    write_fixed_statement(w, n.get + "_json_statement", n.get + "_json",
                          soong::crud_sql::json_object(soong::crud_sql::get(text)), n.key_types,
                          "soong::detail::crud_json_types");
    write_fixed_statement(w, n.exists_statement, n.exists, soong::crud_sql::exists(text),
                          n.key_types, n.exists_types);
    fixed.push_back(n.get_statement);
    fixed.push_back(n.get + "_json_statement");
    fixed.push_back(n.exists_statement);
    if (t.writable()) {
      write_fixed_statement(w, n.delete_statement, n.remove, soong::crud_sql::remove(text),
                            n.key_types, rows);
      fixed.push_back(n.delete_statement);
    }
    // A lookup by unique key has one shape: the key's columns, and LIMIT 1.
    for (const crud_key_model& u : t.unique_keys) {
      const std::string function = get_by_function(n, u);
      std::string shape(t.columns.size(), soong::crud_sql::mark::none);
      std::vector<std::pair<std::string, std::string>> params;
      for (const std::size_t i : in_table_order(u)) {
        shape[i] = soong::crud_sql::mark::equals;
        params.push_back(types[i]);
      }
      params.emplace_back("soong::detail::crud_limit_type", "LIMIT");
      const std::string param_types = fmt::format("{}_types", function);
      write_type_refs(w, param_types, params);
      const std::string sql = soong::crud_sql::get_by(text, shape);
      write_fixed_statement(w, function + "_statement", function, sql, param_types, rows);
      write_fixed_statement(w, function + "_json_statement", function + "_json",
                            soong::crud_sql::json_object(sql), param_types,
                            "soong::detail::crud_json_types");
      fixed.push_back(function + "_statement");
      fixed.push_back(function + "_json_statement");
    }
  }
  w.blank();
  w.linef("/// Decodes row `i` of a result whose columns are those of {}.", t.display);
  w.linef("[[nodiscard]] {} {}(const soong::result& r, int i) {{", n.row, n.read_row);
  w.indent();
  w.line("const soong::row_view row = r.row(i);");
  w.line("return {");
  w.indent();
  for (const crud_column_model& c : t.columns) {
    w.linef(".{} = row.get<{}>({}),", c.field, c.value_type, c.index);
  }
  w.dedent();
  w.line("};");
  w.dedent();
  w.line("}");
  write_builder(w, t, "select",
                "The SQL of a select for one shape: a mark per column, then '>' when the page "
                "starts after a key.",
                {"const std::size_t n = t.text.columns.size();",
                 "return soong::crud_sql::select(t.text, shape.substr(0, n), shape.size() > n);"});
  write_builder(
      w, t, "select_json", "The same, as one JSON array built by PostgreSQL.",
      {fmt::format("return soong::crud_sql::json_array({}_select_sql(t, shape));", t.prefix)});
  if (t.writable()) {
    write_builder(w, t, "insert", "The SQL of an insert writing the marked columns.",
                  {"return soong::crud_sql::insert(t.text, shape);"});
    write_builder(w, t, "insert_many", "The SQL of a many-row insert writing the marked columns.",
                  {"return soong::crud_sql::insert_many(t.text, shape);"});
  }
  if (t.has_key() && t.writable()) {
    if (has_patch(t)) {
      write_builder(
          w, t, "update", "The SQL of an update writing the marked columns.",
          {fmt::format("return soong::crud_sql::update(t.text, shape, {});", t.version_column)});
    }
    write_builder(w, t, "upsert",
                  "The SQL of an upsert: the insert's marks, then the conflict update's.",
                  {"const std::size_t n = t.text.columns.size();",
                   fmt::format("return soong::crud_sql::upsert(t.text, shape.substr(0, n), "
                               "shape.substr(n), t.text.key{});",
                               t.version_column >= 0 ? fmt::format(", {}", t.version_column)
                                                     : std::string())});
  }
  const statement_list_model statement_list = crud_statement_list_of(t, std::move(fixed));
  w.blank();
  write_statement_list_definition(w, statement_list);
  w.blank();
  close_namespace(w, model, true);
  w.blank();
  open_namespace(w, model);

  const std::size_t columns = t.columns.size();
  const auto open_call = [&](std::string_view function) {
    w.linef("soong::detail::crud_call call(conn, detail::{}, \"{}\", {});", n.table, function,
            columns);
  };
  const std::string conn = "soong::connection& conn";
  const std::string key = fmt::format("const {}& key", n.key);
  const std::string page =
      t.has_key() ? fmt::format("const {}& page", n.page) : "std::int64_t limit";

  // Each read twice: typed rows, then `_json` (the same statement wrapped so PostgreSQL builds
  // the JSON).
  const auto result_columns = [&](bool json) {
    return json ? std::string("soong::detail::crud_json_types")
                : fmt::format("detail::{}.row_types", n.table);
  };
  const auto return_one = [&](bool json) {
    w.line("if (r.rows() == 0) return std::nullopt;");
    if (json) {
      w.line("return r.get<std::string>(0, 0);");
    } else {
      w.linef("return detail::{}(r, 0);", n.read_row);
    }
  };
  const auto return_many = [&](bool json) {
    if (json) {
      w.line("return r.get<std::string>(0, 0);");
    } else {
      write_read_rows(w, n);
    }
  };
  const auto one_type = [&](bool json) {
    return json ? std::string("std::optional<std::string>")
                : fmt::format("std::optional<{}>", n.row);
  };
  const auto many_type = [&](bool json) {
    return json ? std::string("std::string") : fmt::format("std::vector<{}>", n.row);
  };
  const auto suffix = [](bool json) { return json ? "_json" : ""; };
  const auto builder_of = [&](std::string_view what, bool json) {
    return builder(t, json ? std::string(what) + "_json" : std::string(what));
  };

  if (t.has_key()) {
    std::string args;
    for (const std::string& a : key_arguments(t)) args += ", " + a;
    for (const bool json : {false, true}) {
      w.blank();
      w.linef("{} {}{}({}, {}) {{", one_type(json), n.get, suffix(json), conn, key);
      w.indent();
      w.linef("const soong::result r = soong::execute(conn, detail::{}{}{});", n.get,
              json ? "_json_statement" : "_statement", args);
      return_one(json);
      w.dedent();
      w.line("}");
    }
    w.blank();
    w.linef("bool {}({}, {}) {{", n.exists, conn, key);
    w.indent();
    w.linef("return soong::execute(conn, detail::{}{}).get<bool>(0, 0);", n.exists_statement, args);
    w.dedent();
    w.line("}");
    for (const crud_key_model& u : t.unique_keys) {
      for (const bool json : {false, true}) {
        const std::string function = get_by_function(n, u) + suffix(json);
        w.blank();
        w.line(format_call(fmt::format("{} {}", one_type(json), function), key_parameters(t, u),
                           " {"));
        w.indent();
        std::vector<std::string> call_args{"conn", fmt::format("detail::{}_statement", function)};
        for (const std::size_t i : in_table_order(u)) call_args.push_back(t.columns[i].field);
        call_args.emplace_back("std::int64_t{1}");
        w.lines(format_call("const soong::result r = soong::execute", call_args, ";", 2));
        return_one(json);
        w.dedent();
        w.line("}");
      }
    }
    for (const crud_key_model& f : t.foreign_keys) {
      for (const bool json : {false, true}) {
        const std::string function =
            fmt::format("list_{}_by_{}{}", t.prefix, f.suffix, suffix(json));
        std::vector<std::string> params = key_parameters(t, f);
        params.push_back(page);
        w.blank();
        w.line(format_call(fmt::format("{} {}", many_type(json), function), params, " {"));
        w.indent();
        open_call(function);
        for (const std::size_t i : in_table_order(f)) {
          w.linef("call.bind({}, soong::crud_sql::mark::equals, detail::{}[{}], {});", i, n.types,
                  i, t.columns[i].field);
        }
        write_bind_page(w, t, n);
        w.linef("const soong::result r = call.run({}, {});", result_columns(json),
                builder_of("select", json));
        return_many(json);
        w.dedent();
        w.line("}");
      }
    }
  }

  for (const bool json : {false, true}) {
    const std::string function = n.select + suffix(json);
    w.blank();
    w.line(format_call(fmt::format("{} {}", many_type(json), function),
                       {conn, fmt::format("const {}& filter", n.filter), page}, " {"));
    w.indent();
    open_call(function);
    for (const crud_column_model& c : t.columns) {
      if (!c.filterable) continue;
      w.linef("soong::detail::bind_filter(call, {}, detail::{}[{}], detail::{}[{}], filter.{});",
              c.index, n.types, c.index, n.array_types, c.index, c.field);
    }
    write_bind_page(w, t, n);
    w.linef("const soong::result r = call.run({}, {});", result_columns(json),
            builder_of("select", json));
    return_many(json);
    w.dedent();
    w.line("}");
  }

  if (t.writable()) {
    w.blank();
    w.linef("{} {}({}, const {}& row) {{", n.row, n.insert, conn, n.new_row);
    w.indent();
    open_call(n.insert);
    write_bind_new(w, t, n, "row");
    w.linef("const soong::result r = call.run(detail::{}.row_types, {});", n.table,
            builder(t, "insert"));
    w.linef("return detail::{}(r, 0);", n.read_row);
    w.dedent();
    w.line("}");

    w.blank();
    w.line(format_call(fmt::format("std::vector<{}> {}", n.row, n.insert_many),
                       {conn, fmt::format("std::span<const {}> rows", n.new_row)}, " {"));
    w.indent();
    w.line("if (rows.empty()) return {};");
    open_call(n.insert_many);
    for (const crud_column_model& c : t.columns) {
      if (c.new_kind == new_field_kind::absent) continue;
      w.line("{");
      w.indent();
      const std::string element =
          c.nullable ? fmt::format("std::optional<{}>", c.element_type) : c.element_type;
      if (c.new_kind == new_field_kind::defaulted) {
        w.linef("const bool given = !rows.front().{}.uses_default();", c.field);
      }
      w.linef("std::vector<{}> values;", element);
      w.line("values.reserve(rows.size());");
      w.linef("for (const {}& row : rows) {{", n.new_row);
      w.indent();
      if (c.new_kind == new_field_kind::defaulted) {
        w.linef("if (row.{}.uses_default() == given) {{", c.field);
        w.indent();
        w.linef("soong::detail::throw_mixed_defaults(\"{}\", {});", n.insert_many,
                cpp_string_literal(c.sql_name));
        w.dedent();
        w.line("}");
        w.linef("if (given) values.push_back(row.{}.value());", c.field);
      } else {
        w.linef("values.push_back(row.{});", c.field);
      }
      w.dedent();
      w.line("}");
      const std::string bind =
          fmt::format("call.bind({}, soong::crud_sql::mark::value, detail::{}[{}], values);",
                      c.index, n.array_types, c.index);
      if (c.new_kind == new_field_kind::defaulted) {
        w.linef("if (given) {}", bind);
      } else {
        w.line(bind);
      }
      w.dedent();
      w.line("}");
    }
    w.line("if (call.shape().find(soong::crud_sql::mark::value) == std::string_view::npos) {");
    w.indent();
    w.line("// Every column uses its default: unnest has no array to count the rows by.");
    w.linef("std::vector<{}> out;", n.row);
    w.linef("for (const {}& row : rows) out.push_back({}(conn, row));", n.new_row, n.insert);
    w.line("return out;");
    w.dedent();
    w.line("}");
    w.linef("const soong::result r = call.run(detail::{}.row_types, {});", n.table,
            builder(t, "insert_many"));
    write_read_rows(w, n);
    w.dedent();
    w.line("}");
  }

  if (t.has_key() && t.writable() && has_patch(t)) {
    const bool locked = t.version_column >= 0;
    const std::string version_param =
        locked ? fmt::format(", {} version",
                             t.columns[static_cast<std::size_t>(t.version_column)].element_type)
               : "";
    w.blank();
    w.line(format_call(
        fmt::format("std::optional<{}> {}", n.row, n.update),
        locked ? std::vector<std::string>{conn, key, fmt::format("const {}& patch", n.patch),
                                          version_param.substr(2)}
               : std::vector<std::string>{conn, key, fmt::format("const {}& patch", n.patch)},
        " {"));
    w.indent();
    open_call(n.update);
    write_bind_patch(w, t, n, "patch");
    w.line("if (call.shape().find(soong::crud_sql::mark::value) == std::string_view::npos) {");
    w.indent();
    w.linef("soong::detail::throw_empty_update(\"{}\");", n.update);
    w.dedent();
    w.line("}");
    write_bind_key(w, t, n);
    if (locked) {
      w.linef("call.bind_extra(detail::{}[{}], version);", n.types, t.version_column);
    }
    w.linef("const soong::result r = call.run(detail::{}.row_types, {});", n.table,
            builder(t, "update"));
    w.line("if (r.rows() == 0) return std::nullopt;");
    w.linef("return detail::{}(r, 0);", n.read_row);
    w.dedent();
    w.line("}");
  }
  if (t.has_key() && t.writable()) {
    std::vector<std::string> upsert_params{conn, fmt::format("const {}& row", n.new_row)};
    if (has_patch(t)) upsert_params.push_back(fmt::format("const {}& on_conflict", n.patch));
    w.blank();
    w.line(
        format_call(fmt::format("soong::upserted<{}> {}", n.row, n.upsert), upsert_params, " {"));
    w.indent();
    open_call(n.upsert);
    write_bind_new(w, t, n, "row");
    w.linef("call.extend({});", columns);
    write_bind_patch(w, t, n, "on_conflict", columns);
    w.linef("const soong::result r = call.run(detail::{}.upsert_types, {});", n.table,
            builder(t, "upsert"));
    if (t.version_column >= 0) {
      w.linef("if (r.rows() == 0) soong::detail::throw_stale_version(\"{}\", \"{}\");", n.upsert,
              t.columns[static_cast<std::size_t>(t.version_column)].sql_name);
    }
    w.linef("return {{detail::{}(r, 0), r.get<bool>(0, {})}};", n.read_row, columns);
    w.dedent();
    w.line("}");

    w.blank();
    w.linef("std::optional<{}> {}({}, {}) {{", n.row, n.remove, conn, key);
    w.indent();
    std::string args;
    for (const std::string& a : key_arguments(t)) args += ", " + a;
    w.linef("const soong::result r = soong::execute(conn, detail::{}{});", n.delete_statement,
            args);
    w.line("if (r.rows() == 0) return std::nullopt;");
    w.linef("return detail::{}(r, 0);", n.read_row);
    w.dedent();
    w.line("}");
  }
  w.blank();
  write_prepare_all_definition(w, statement_list);
  w.blank();
  close_namespace(w, model);
  return w.take();
}

}  // namespace soong::gen
