// The CRUD header of one table: its new/patch/filter/key types and the function declarations.

#include <fmt/format.h>

#include <soong/crud_sql.hpp>
#include <string>
#include <vector>

#include "emit/code_writer.hpp"
#include "emit/crud_emit_parts.hpp"
#include "emit/crud_emitter.hpp"
#include "emit/file_layout.hpp"
#include "emit/prepare_all_emitter.hpp"
#include "emit/runtime_includes.hpp"

namespace soong::gen {
namespace {

void write_new_struct(code_writer& w, const crud_table_model& t, const crud_names& n) {
  write_doc_comment(
      w, fmt::format("A new row of {} for {}: required fields are plain, nullable ones "
                     "std::optional (nullopt writes NULL), columns with a default "
                     "soong::defaulted (soong::use_default, the default state, leaves the column "
                     "out so the DEFAULT applies). Identity ALWAYS and generated columns are not "
                     "here: they cannot be written.",
                     t.display, n.insert));
  w.block(
      fmt::format("struct {} {{", n.new_row),
      [&] {
        for (const crud_column_model& c : t.columns) {
          switch (c.new_kind) {
            case new_field_kind::absent:
              break;
            case new_field_kind::required:
            case new_field_kind::nullable:
              w.linef("{} {}{{}};", c.value_type, c.field);
              break;
            case new_field_kind::defaulted:
              w.linef("soong::defaulted<{}> {}{{}};", c.value_type, c.field);
              break;
          }
        }
      },
      "};");
}

void write_patch_struct(code_writer& w, const crud_table_model& t, const crud_names& n) {
  write_doc_comment(w, fmt::format("The columns {} writes: each soong::keep (the default state) "
                                   "or soong::set(value); set(std::nullopt) writes NULL where "
                                   "the column is nullable. A patch that sets nothing is an "
                                   "error, not an UPDATE.",
                                   n.update));
  w.block(
      fmt::format("struct {} {{", n.patch),
      [&] {
        for (const crud_column_model& c : t.columns) {
          if (!c.patchable() || static_cast<int>(c.index) == t.version_column) continue;
          w.linef("soong::patch<{}> {}{{}};", c.value_type, c.field);
        }
      },
      "};");
}

void write_filter_struct(code_writer& w, const crud_table_model& t, const crud_names& n) {
  write_doc_comment(w, fmt::format("Conditions of {}, all of which a row meets: per column "
                                   "any (the default state), soong::eq(v), soong::in(values), "
                                   "or soong::is_null() for nullable columns.",
                                   n.select));
  w.block(
      fmt::format("struct {} {{", n.filter),
      [&] {
        for (const crud_column_model& c : t.columns) {
          if (c.filterable) w.linef("soong::filter<{}> {}{{}};", c.value_type, c.field);
        }
      },
      "};");
}

void write_declaration(code_writer& w, std::string_view doc, std::string_view head,
                       const std::vector<std::string>& params) {
  w.blank();
  write_doc_comment(w, doc);
  w.line(format_call(head, params, ";"));
}

/// What upsert does with an optimistic-locking column, for its comment ("" without one).
std::string locked_upsert_note(const crud_table_model& t) {
  if (t.version_column < 0) return {};
  const std::string& column = t.columns[static_cast<std::size_t>(t.version_column)].sql_name;
  return fmt::format(
      " On a conflict the row's {0} must equal `row`'s {0} (the version read), and is "
      "incremented; a stale {0} writes nothing and throws soong::error.",
      column);
}

}  // namespace

std::string crud_file_stem(const crud_table_model& t) { return t.file_stem + ".crud"; }

std::string emit_crud_header(const emit_model& model, const crud_table_model& t,
                             const emit_options& options) {
  const crud_names n(t);
  code_writer w;
  write_banner(w, options.generator_version, banner_source(t, options));
  w.line("#pragma once");
  w.blank();
  // The column types' headers come with schema.hpp, which declares the row struct.
  write_common_includes(
      w, {"soong/connection.hpp", "soong/crud.hpp", "soong/statement.hpp", "soong/version.hpp"});
  w.blank();
  w.linef("#include \"{}\"", schema_header_name);
  w.blank();
  write_runtime_check(w, options.generator_version);
  w.blank();
  open_namespace(w, model);
  w.blank();
  write_doc_comment(w, fmt::format("A row of {}, as the CRUD functions return it.", t.display));
  w.linef("using {} = {};", n.row, t.row_struct);
  if (t.has_key()) {
    w.blank();
    write_doc_comment(w, fmt::format("The primary key of {}.", t.display));
    if (t.composite_key()) {
      w.block(
          fmt::format("struct {} {{", n.key),
          [&] {
            for (const std::size_t i : t.key) {
              w.linef("{} {}{{}};", t.columns[i].value_type, t.columns[i].field);
            }
            w.blank();
            w.linef("friend bool operator==(const {0}&, const {0}&) = default;", n.key);
          },
          "};");
    } else {
      w.linef("using {} = {};", n.key, t.columns[t.key.front()].value_type);
    }
  }
  if (t.writable()) {
    w.blank();
    write_new_struct(w, t, n);
  }
  if (t.has_key() && has_patch(t)) {
    w.blank();
    write_patch_struct(w, t, n);
  }
  w.blank();
  write_filter_struct(w, t, n);

  const std::string conn = "soong::connection& conn";
  const std::string key = fmt::format("const {}& key", n.key);
  const std::string page =
      t.has_key() ? fmt::format("const {}& page = {{}}", n.page) : "std::int64_t limit = 100";
  if (t.has_key()) {
    write_declaration(
        w, fmt::format("The row of {} with this primary key, if there is one.", t.display),
        fmt::format("[[nodiscard]] std::optional<{}> {}", n.row, n.get), {conn, key});
    write_declaration(w, "The same row as a JSON object built by PostgreSQL (row_to_json).",
                      fmt::format("[[nodiscard]] std::optional<std::string> {}_json", n.get),
                      {conn, key});
    write_declaration(w, fmt::format("Whether {} has a row with this primary key.", t.display),
                      fmt::format("[[nodiscard]] bool {}", n.exists), {conn, key});
    for (const crud_key_model& u : t.unique_keys) {
      write_declaration(
          w, fmt::format("The row of {} with this unique key, if there is one.", t.display),
          fmt::format("[[nodiscard]] std::optional<{}> {}_by_{}", n.row, n.get, u.suffix),
          key_parameters(t, u));
      write_declaration(
          w, "The same row as a JSON object built by PostgreSQL.",
          fmt::format("[[nodiscard]] std::optional<std::string> {}_by_{}_json", n.get, u.suffix),
          key_parameters(t, u));
    }
    for (const crud_key_model& f : t.foreign_keys) {
      std::vector<std::string> params = key_parameters(t, f);
      params.push_back(page);
      write_declaration(
          w,
          fmt::format("One page of the rows of {} with this foreign key, in primary key order.",
                      t.display),
          fmt::format("[[nodiscard]] std::vector<{}> list_{}_by_{}", n.row, t.prefix, f.suffix),
          params);
      write_declaration(
          w, "The same rows as one JSON array built by PostgreSQL.",
          fmt::format("[[nodiscard]] std::string list_{}_by_{}_json", t.prefix, f.suffix), params);
    }
  }
  write_declaration(
      w,
      t.has_key()
          ? fmt::format("One page of the rows of {} that meet `filter`, in primary key order.",
                        t.display)
          : fmt::format("At most `limit` rows of {} that meet `filter` (no primary key: "
                        "in no particular order).",
                        t.display),
      fmt::format("[[nodiscard]] std::vector<{}> {}", n.row, n.select),
      {conn, fmt::format("const {}& filter = {{}}", n.filter), page});
  write_declaration(w, "The same rows as one JSON array built by PostgreSQL.",
                    fmt::format("[[nodiscard]] std::string {}_json", n.select),
                    {conn, fmt::format("const {}& filter = {{}}", n.filter), page});
  if (t.writable()) {
    write_declaration(
        w, fmt::format("Inserts one row into {} and returns it as stored.", t.display),
        fmt::format("{} {}", n.row, n.insert), {conn, fmt::format("const {}& row", n.new_row)});
    write_declaration(
        w,
        fmt::format("Inserts rows into {} in one statement and returns them as stored. A "
                    "defaulted column must use its default in all rows or in none.",
                    t.display),
        fmt::format("std::vector<{}> {}", n.row, n.insert_many),
        {conn, fmt::format("std::span<const {}> rows", n.new_row)});
  }
  if (t.has_key() && t.writable() && has_patch(t)) {
    write_declaration(
        w,
        fmt::format(
            "Writes the set fields of `patch` to the row of {} with this key and returns "
            "it; empty when there is no such row{}. Throws soong::error for a patch that "
            "sets nothing.",
            t.display,
            t.version_column >= 0
                ? fmt::format(" or its {} is not `version` (then nothing changes)",
                              t.columns[static_cast<std::size_t>(t.version_column)].sql_name)
                : ""),
        fmt::format("std::optional<{}> {}", n.row, n.update),
        t.version_column >= 0
            ? std::vector<std::string>{conn, key, fmt::format("const {}& patch", n.patch),
                                       fmt::format(
                                           "{} version",
                                           t.columns[static_cast<std::size_t>(t.version_column)]
                                               .element_type)}
            : std::vector<std::string>{conn, key, fmt::format("const {}& patch", n.patch)});
  }
  if (t.has_key() && t.writable()) {
    std::vector<std::string> upsert_params{conn, fmt::format("const {}& row", n.new_row)};
    if (has_patch(t)) upsert_params.push_back(fmt::format("const {}& on_conflict = {{}}", n.patch));
    write_declaration(
        w,
        has_patch(t)
            ? fmt::format("Inserts `row` into {}, or when its primary key exists writes the set "
                          "fields of `on_conflict` to that row (nothing set: leaves it as it "
                          "is). Returns the row as stored and whether it was inserted.",
                          t.display) +
                  locked_upsert_note(t)
            : fmt::format("Inserts `row` into {} unless its primary key exists. Returns the row "
                          "as stored and whether it was inserted.",
                          t.display) +
                  locked_upsert_note(t),
        fmt::format("soong::upserted<{}> {}", n.row, n.upsert), upsert_params);
    write_declaration(
        w,
        fmt::format(
            "Deletes the row of {} with this key and returns it; empty when there was none.",
            t.display),
        fmt::format("std::optional<{}> {}", n.row, n.remove), {conn, key});
  }
  // Declarations need only the names; the source emitter lists the statements.
  const statement_list_model statement_list = crud_statement_list_of(t, {});
  w.blank();
  w.line("namespace detail {");
  write_statement_list_declaration(w, statement_list);
  w.line("}  // namespace detail");
  w.blank();
  write_prepare_all_declaration(w, statement_list);
  w.blank();
  close_namespace(w, model);
  return w.take();
}

}  // namespace soong::gen
