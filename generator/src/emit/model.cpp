#include "emit/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "diag/codes.hpp"
#include "emit/namer.hpp"
#include "emit/sql_identifier.hpp"
#include "emit/type_mapping.hpp"

namespace soong::gen {
namespace {

// Locals and arguments of generated functions that a query parameter must not shadow.
constexpr std::string_view function_locals[] = {"conn", "params", "items", "item",    "on_row", "r",
                                                "i",    "k",      "rows",  "results", "target"};

diagnostic make_error(const source_location& where, std::string message, std::string code) {
  diagnostic d;
  d.level = severity::error;
  d.location = where;
  d.message = std::move(message);
  d.code = std::move(code);
  return d;
}

bool is_identifier(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::vector<std::string> split_namespace(std::string_view ns) {
  std::vector<std::string> parts;
  while (true) {
    const auto sep = ns.find("::");
    parts.emplace_back(ns.substr(0, sep));
    if (sep == std::string_view::npos) break;
    ns.remove_prefix(sep + 2);
  }
  return parts;
}

template <class T>
std::vector<const T*> sorted_by_name(const std::vector<T>& items) {
  std::vector<const T*> out;
  for (const T& item : items) out.push_back(&item);
  std::sort(out.begin(), out.end(), [](const T* a, const T* b) {
    return std::tie(a->schema, a->name) < std::tie(b->schema, b->name);
  });
  return out;
}

class model_builder {
 public:
  model_builder(const ir& input, const emit_options& options, std::vector<diagnostic>& errors)
      : input_(input), options_(options), errors_(errors) {}

  emit_model build() {
    build_namespace();
    build_enums();
    build_composites();
    build_tables();
    build_query_files();
    return std::move(model_);
  }

 private:
  void build_namespace() {
    model_.namespace_parts = split_namespace(options_.cpp_namespace);
    for (const std::string& part : model_.namespace_parts) {
      if (!is_identifier(part) || naming::is_reserved(part)) {
        errors_.push_back(make_error(
            {"soong", 0, 0},
            fmt::format("invalid C++ namespace '{}': write identifiers separated by '::', "
                        "e.g. cruddur::db",
                        options_.cpp_namespace),
            codes::invalid_namespace));
        return;
      }
      model_.qualifier += "::" + part;
    }
  }

  void build_enums() {
    for (const enum_type* e : sorted_by_name(input_.enums)) {
      if (e->labels.empty()) {
        errors_.push_back(
            make_error(schema_location(),
                       fmt::format("enum {}.{} has no labels; soong maps enums with at least one",
                                   e->schema, e->name),
                       codes::unsupported_type));
        continue;
      }
      enum_model m;
      m.source = e;
      m.name = types_.claim(naming::type_name(e->schema, e->name));
      // Labels become readable identifiers (`op!en` is `op_en`, `1st` `_1st`, `class` `class_`);
      // two labels that end up alike are an error rather than an arbitrary `_2` suffix.
      std::map<std::string, const std::string*> label_of;
      for (const std::string& label : e->labels) {
        std::string enumerator = naming::identifier(label);
        const auto [at, fresh] = label_of.emplace(enumerator, &label);
        if (!fresh) {
          errors_.push_back(make_error(
              schema_location(),
              fmt::format("enum {}.{}: labels '{}' and '{}' both become the C++ enumerator `{}`; "
                          "rename one (ALTER TYPE {}.{} RENAME VALUE ...)",
                          e->schema, e->name, *at->second, label, enumerator, e->schema, e->name),
              codes::enum_label_collision));
        }
        m.enumerators.push_back(std::move(enumerator));
      }
      user_types_[{e->schema, e->name}] = model_.qualifier + "::" + m.name;
      model_.enums.push_back(std::move(m));
    }
  }

  void build_composites() {
    // Names first: composites may contain each other, in any order.
    const auto composites = sorted_by_name(input_.composites);
    for (const composite_type* c : composites) {
      const std::string name = types_.claim(naming::type_name(c->schema, c->name));
      user_types_[{c->schema, c->name}] = model_.qualifier + "::" + name;
      model_.composites.push_back({name, c->schema, c->name, "composite type", {}, c->doc});
    }
    for (std::size_t i = 0; i < composites.size(); ++i) {
      name_scope members;
      for (const composite_field& f : composites[i]->fields) {
        const std::string what = fmt::format("field \"{}\" of composite type {}.{}", f.name,
                                             composites[i]->schema, composites[i]->name);
        model_.composites[i].fields.push_back(
            value_field(members, f.name, f.type, f.nullable, schema_location(), what));
        model_.composites[i].fields.back().doc = f.doc;
      }
    }
  }

  void build_tables() {
    for (const table* t : sorted_by_name(input_.tables)) {
      struct_model m{types_.claim(naming::type_name(t->schema, naming::singular(t->name))),
                     t->schema,
                     t->name,
                     t->is_view ? "view" : "table",
                     {},
                     t->doc};
      name_scope members;
      for (const table_column& c : t->columns) {
        const std::string what =
            fmt::format("column \"{}\" of {} {}.{}", c.name, m.kind, t->schema, t->name);
        m.fields.push_back(
            value_field(members, c.name, c.type, !c.not_null, schema_location(), what));
        m.fields.back().doc = c.doc;
      }
      model_.tables.push_back(std::move(m));
    }
  }

  void build_query_files() {
    std::map<std::string, file_model> files;  // by relative path: sorted output
    std::vector<const query*> queries;
    for (const query& q : input_.queries) queries.push_back(&q);
    std::stable_sort(queries.begin(), queries.end(), [](const query* a, const query* b) {
      return std::tie(a->location.file, a->location.line) <
             std::tie(b->location.file, b->location.line);
    });
    // The prepare functions keep their names (documented, and called by the target's
    // prepare_all): a query named like one (`PrepareAllUsers` in users.sql, or `PrepareAll`, the
    // target's) yields.
    types_.reserve("prepare_all");
    for (const query* q : queries) {
      const std::string rel = relative_path(*q);
      if (!rel.empty()) types_.reserve("prepare_all_" + naming::file_identifier(rel));
    }
    for (const query* q : queries) {
      const std::string rel = relative_path(*q);
      if (rel.empty()) continue;
      file_model& file = files[rel];
      file.source_path = q->location.file;
      file.relative_path = rel;
      const std::string stem = naming::file_identifier(rel);
      file.prepare_function = "prepare_all_" + stem;
      file.statements_function = stem + "_statements";
      file.queries.push_back(build_query(*q));
    }
    for (auto& [rel, file] : files) model_.files.push_back(std::move(file));
  }

  std::string relative_path(const query& q) {
    const auto it = options_.relative_paths.find(q.location.file);
    const std::string rel = it != options_.relative_paths.end() ? it->second : q.location.file;
    if (rel.empty() || rel.front() == '/' || rel.find("..") != std::string::npos ||
        rel.find('\\') != std::string::npos) {
      if (reported_paths_.claim(q.location.file) == q.location.file) {
        errors_.push_back(make_error(
            {q.location.file, 0, 0},
            fmt::format("cannot place generated code for '{}' under the output folder: its path "
                        "relative to the queries folder is '{}'",
                        q.location.file, rel),
            codes::output_path_outside_queries));
      }
      return {};
    }
    return rel;
  }

  /// `:one`/`:many` only; then the query's own line, else the options' choice.
  bool gets_json_twin(const query& q) const {
    if (!info(q.cmd).json_variant) return false;
    if (q.json_override) return *q.json_override;
    switch (options_.json) {
      case json_twins::all:
        return true;
      case json_twins::none:
        return false;
      case json_twins::reads:
        break;
    }
    return q.access.read_only;
  }

  query_model build_query(const query& q) {
    query_model m;
    m.source = &q;
    name_scope arguments;
    for (std::string_view local : function_locals) arguments.reserve(local);
    for (const param& p : q.params) m.params.push_back(param_field(arguments, q, p));

    if (info(q.cmd).returns_rows) {
      name_scope members;
      for (const column& c : q.columns) {
        const std::string what = fmt::format("column \"{}\" of query {}", c.name, q.name);
        m.columns.push_back(value_field(members, c.name, c.type, c.nullable, q.location, what,
                                        c.elements_nullable));
      }
      if (q.embeds.empty()) {
        choose_row_shape(q, m);
      } else {
        build_embeds(q, m);
      }
    }
    m.names = name_query(types_, q.name,
                         {.json_variant = gets_json_twin(q),
                          .params_struct = m.params.size() > 1,
                          .row_struct = m.shape == row_shape::row_struct,
                          .single_item_parameter = info(q.cmd).takes_items && m.params.size() == 1
                                                       ? std::string_view(m.params.front().name)
                                                       : std::string_view()});
    if (m.shape == row_shape::row_struct) m.row_type = m.names.row_struct;
    if (info(q.cmd).takes_items && q.params.empty()) {
      errors_.push_back(make_error(
          q.location,
          fmt::format("query {} is :{} but has no parameters: a batch runs once per item of "
                      "parameters",
                      q.name, to_string(q.cmd)),
          codes::batch_without_parameters));
    }
    if (q.cmd == command::copyfrom) {
      if (!q.copy) {
        errors_.push_back(make_error(q.location,
                                     fmt::format("query {} is :copyfrom but has no COPY target "
                                                 "table",
                                                 q.name),
                                     codes::copyfrom_target));
      } else if (q.copy->columns.size() != q.params.size()) {
        errors_.push_back(make_error(
            q.location,
            fmt::format("query {} is :copyfrom but names {} columns for {} parameters; write "
                        "`INSERT INTO table (columns...) VALUES ($1, ...)` with one parameter "
                        "per column",
                        q.name, q.copy->columns.size(), q.params.size()),
            codes::copyfrom_target));
      } else {
        m.copy_table = q.copy->schema.empty() ? quoted_sql_identifier(q.copy->table)
                                              : quoted_sql_identifier(q.copy->schema) + "." +
                                                    quoted_sql_identifier(q.copy->table);
      }
    }
    return m;
  }

  // `sqlc.embed(table)`: a row struct whose embed members are the tables' structs, named as
  // sqlc names them (after the struct); the JSON key is the name written in sqlc.embed(...).
  void build_embeds(const query& q, query_model& m) {
    m.shape = row_shape::row_struct;
    name_scope members;
    for (std::size_t i = 0; i < q.columns.size();) {
      const auto embed = std::find_if(q.embeds.begin(), q.embeds.end(),
                                      [&](const embedded_table& e) { return e.first_column == i; });
      if (embed == q.embeds.end()) {
        field_model column = m.columns[i++];
        column.name = members.claim(naming::identifier(column.sql_name));
        m.members.push_back(std::move(column));
        continue;
      }
      const auto table =
          std::find_if(model_.tables.begin(), model_.tables.end(), [&](const struct_model& t) {
            return t.sql_schema == embed->schema && t.sql_name == embed->table;
          });
      i += embed->column_count;
      if (table == model_.tables.end()) continue;  // unreachable: resolved against the catalog
      const std::string type = model_.qualifier + "::" + table->name;
      field_model member;
      member.name = members.claim(table->name);
      member.sql_name = embed->name;
      member.nullable = embed->nullable;
      member.type = embed->nullable ? fmt::format("std::optional<{}>", type) : type;
      m.members.push_back(std::move(member));
      m.embeds.push_back({embed->first_column, embed->column_count,
                          static_cast<std::size_t>(table - model_.tables.begin()),
                          embed->nullable});
    }
  }

  void choose_row_shape(const query& q, query_model& m) {
    if (m.columns.empty()) {
      errors_.push_back(make_error(
          q.location,
          fmt::format("query {} is :{} but returns no columns; annotate it :exec (or add "
                      "RETURNING)",
                      q.name, to_string(q.cmd)),
          codes::rows_without_columns));
      return;
    }
    // `:one` wraps its row in std::optional for "no row"; a lone nullable column would then
    // be std::optional<std::optional<T>>, where "no row" and "NULL" read alike. Such a row is
    // a one-field struct instead: `if (row) use(row->name)`.
    // A row proven to exist (query::exactly_one_row) is not wrapped, so its lone nullable
    // column is the plain std::optional<T>.
    const bool optional_row =
        (q.cmd == command::one || q.cmd == command::batchone) && !q.exactly_one_row;
    if (m.columns.size() == 1 && !(optional_row && m.columns.front().nullable)) {
      m.shape = row_shape::single_column;
      m.row_type = m.columns.front().type;
      return;
    }
    if (const struct_model* t = same_as_table(q, m)) {
      m.shape = row_shape::table_struct;
      m.row_type = t->name;
      return;
    }
    m.shape = row_shape::row_struct;  // named with the query (name_query)
  }

  // The table whose struct the query's rows are, exactly: same columns from that table, in
  // order, with the same C++ types (so nullability agrees too).
  const struct_model* same_as_table(const query& q, const query_model& m) const {
    for (const struct_model& t : model_.tables) {
      if (t.fields.size() != m.columns.size()) continue;
      bool same = true;
      for (std::size_t i = 0; same && i < t.fields.size(); ++i) {
        const auto& origin = q.columns[i].origin;
        same = origin && origin->schema == t.sql_schema && origin->table == t.sql_name &&
               origin->column == t.fields[i].sql_name && q.columns[i].name == origin->column &&
               m.columns[i].type == t.fields[i].type;
      }
      if (same) return &t;
    }
    return nullptr;
  }

  field_model value_field(name_scope& scope, const std::string& sql_name, const pg_type& type,
                          bool nullable, const source_location& where, const std::string& what,
                          bool elements_nullable = true) {
    field_model f;
    f.name = scope.claim(naming::identifier(sql_name));
    f.sql_name = sql_name;
    f.nullable = nullable;
    const type_mapping mapped = map_type(type, user_types_);
    if (const auto* reason = std::get_if<std::string>(&mapped)) {
      report_unsupported(where, what, type, *reason);
      return f;
    }
    const cpp_type& t = std::get<cpp_type>(mapped);
    // Array elements are optional unless proven non-null (docs/nullability.md).
    const std::string value = !t.array_element.empty() && !elements_nullable
                                  ? fmt::format("std::vector<{}>", t.array_element)
                                  : t.value;
    f.type = optional_of(value, nullable);
    f.type_ref = t.type_ref;
    return f;
  }

  field_model param_field(name_scope& scope, const query& q, const param& p) {
    field_model f;
    f.name = scope.claim(naming::identifier(naming::parameter(p.name, p.number)));
    f.sql_name = p.name;
    f.nullable = p.nullable;
    const type_mapping mapped = map_type(p.type, user_types_);
    if (const auto* reason = std::get_if<std::string>(&mapped)) {
      report_unsupported(q.location,
                         fmt::format("parameter ${} ({}) of query {}", p.number, p.name, q.name),
                         p.type, *reason);
      return f;
    }
    const cpp_type& t = std::get<cpp_type>(mapped);
    f.type_ref = t.type_ref;
    if (!t.array_element.empty()) {
      // Batch and COPY items are stored by the caller and outlive any one statement, so they own
      // their arrays; a single call only views them.
      const bool borrowed = !info(q.cmd).takes_items;
      f.type = array_parameter_type(
          t.array_element, p.nullable,
          borrowed ? array_param_storage::borrowed : array_param_storage::owned);
      f.by_value = borrowed;
      return f;
    }
    // Batch and COPY items outlive the expression that built them (they sit in a container
    // until the call), so they own their text; one call's parameters may borrow it.
    f.type = optional_of(info(q.cmd).takes_items ? t.item : t.param, p.nullable);
    f.by_value = t.param_by_value;
    return f;
  }

  void report_unsupported(const source_location& where, const std::string& what,
                          const pg_type& type, const std::string& reason) {
    errors_.push_back(make_error(
        where,
        fmt::format("{} has type {}, which soong cannot map to C++ ({}); override it with a "
                    "cast, e.g. `::text`",
                    what, display_name(type), reason),
        codes::unsupported_type));
  }

  source_location schema_location() const { return {options_.schema_source, 0, 0}; }

  const ir& input_;
  const emit_options& options_;
  std::vector<diagnostic>& errors_;
  emit_model model_;
  name_scope types_;  // every namespace-level name: types, functions
  name_scope reported_paths_;
  user_type_names user_types_;
};

}  // namespace

emit_model build_model(const ir& input, const emit_options& options,
                       std::vector<diagnostic>& errors) {
  return model_builder(input, options, errors).build();
}

}  // namespace soong::gen
