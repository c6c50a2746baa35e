#include "driver/embedded_tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "diag/codes.hpp"
#include "diag/source_file.hpp"

namespace soong::gen {
namespace {

using json = nlohmann::json;

// A relation of the FROM clause (or the target of INSERT/UPDATE/DELETE) under the name a
// select list may qualify it with.
struct range_entry {
  std::string name;               // the alias, else the relation's name
  const table* source = nullptr;  // null for subqueries, functions and unknown relations
};

const table* find_table(const ir& model, const std::string& schema, const std::string& name) {
  const table* found = nullptr;
  for (const table& t : model.tables) {
    if (t.name != name) continue;
    if (!schema.empty() && t.schema != schema) continue;
    if (schema.empty() && t.schema == "public") return &t;  // the default search_path's first
    if (found == nullptr) found = &t;
  }
  return found;
}

std::string string_value(const json& node) {
  if (!node.contains("String")) return {};
  const json& s = node["String"];
  return s.value("sval", s.value("str", std::string()));
}

void collect_ranges(const json& node, const ir& model, std::vector<range_entry>& out) {
  if (node.contains("RangeVar")) {
    const json& r = node["RangeVar"];
    const std::string relname = r.value("relname", std::string());
    std::string name = relname;
    if (r.contains("alias")) name = r["alias"].value("aliasname", name);
    out.push_back({name, find_table(model, r.value("schemaname", std::string()), relname)});
  } else if (node.contains("JoinExpr")) {
    const json& j = node["JoinExpr"];
    if (j.contains("larg")) collect_ranges(j["larg"], model, out);
    if (j.contains("rarg")) collect_ranges(j["rarg"], model, out);
  } else {
    // A subquery or function in FROM: its width is unknown here, but its alias is a name.
    for (const auto& [kind, body] : node.items()) {
      if (body.is_object() && body.contains("alias")) {
        out.push_back({body["alias"].value("aliasname", std::string()), nullptr});
      }
    }
  }
}

struct statement_shape {
  const json* targets = nullptr;  // the list of ResTarget nodes that become result columns
  std::vector<range_entry> ranges;
};

statement_shape shape_of(const json& tree, const ir& model) {
  statement_shape shape;
  const auto add_ranges = [&](const json& body, const char* key) {
    if (!body.contains(key)) return;
    const json& list = body[key];
    if (list.is_array()) {
      for (const json& item : list) collect_ranges(item, model, shape.ranges);
    } else if (list.contains("RangeVar")) {
      collect_ranges(list, model, shape.ranges);
    } else {
      // A field typed as a RangeVar (INSERT's `relation`) comes without the node's name.
      collect_ranges(json{{"RangeVar", list}}, model, shape.ranges);
    }
  };
  if (tree.contains("SelectStmt")) {
    const json& s = tree["SelectStmt"];
    if (s.contains("targetList")) shape.targets = &s["targetList"];
    add_ranges(s, "fromClause");
  }
  for (const char* kind : {"InsertStmt", "UpdateStmt", "DeleteStmt"}) {
    if (!tree.contains(kind)) continue;
    const json& s = tree[kind];
    if (s.contains("returningList")) shape.targets = &s["returningList"];
    add_ranges(s, "relation");
    add_ranges(s, "fromClause");
    add_ranges(s, "usingClause");
  }
  return shape;
}

class resolver {
 public:
  resolver(query& q, const parsed_statement& statement, const source_file& file, const ir& model,
           diagnostics& diags)
      : q_(q), statement_(statement), file_(file), model_(model), diags_(diags) {}

  void run() {
    const statement_shape shape = shape_of(statement_.tree, model_);
    std::vector<bool> placed(statement_.embeds.size(), false);
    std::size_t column = 0;
    bool widths_known = true;
    if (shape.targets != nullptr) {
      for (const json& target : *shape.targets) {
        const json& value = target.value("ResTarget", json::object()).value("val", json::object());
        const std::optional<std::size_t> embed = embed_at(value);
        const std::optional<std::size_t> width = width_of(value, shape.ranges);
        if (embed) {
          placed[*embed] = true;
          place(statement_.embeds[*embed], shape.ranges, column, widths_known);
        }
        if (!width) widths_known = false;
        column += width.value_or(0);
      }
    }
    for (std::size_t i = 0; i < placed.size(); ++i) {
      if (!placed[i]) {
        error(statement_.embeds[i],
              "'sqlc.embed(...)' must be an item of the query's select list (or RETURNING list)");
      }
    }
  }

 private:
  // Which embed the value is: the star the front end wrote in place of `sqlc.embed(...)`.
  std::optional<std::size_t> embed_at(const json& value) const {
    if (!value.contains("ColumnRef")) return std::nullopt;
    const std::size_t location = value["ColumnRef"].value("location", std::size_t{0});
    const std::size_t at = statement_.offsets.original_offset(location);
    for (std::size_t i = 0; i < statement_.embeds.size(); ++i) {
      if (statement_.embeds[i].file_offset == at) return i;
    }
    return std::nullopt;
  }

  // How many result columns a select-list item becomes; nullopt for a star over something
  // whose columns are unknown here (a subquery, a function).
  static std::optional<std::size_t> width_of(const json& value,
                                             const std::vector<range_entry>& ranges) {
    if (!value.contains("ColumnRef")) return 1;
    const json& fields = value["ColumnRef"].value("fields", json::array());
    if (fields.empty() || !fields.back().contains("A_Star")) return 1;
    std::size_t width = 0;
    if (fields.size() == 1) {
      for (const range_entry& r : ranges) {
        if (r.source == nullptr) return std::nullopt;
        width += r.source->columns.size();
      }
      return width;
    }
    const std::string name = string_value(fields[fields.size() - 2]);
    for (const range_entry& r : ranges) {
      if (r.name == name) {
        if (r.source == nullptr) return std::nullopt;
        return r.source->columns.size();
      }
    }
    return std::nullopt;
  }

  void place(const parsed_embed& embed, const std::vector<range_entry>& ranges, std::size_t column,
             bool widths_known) {
    const auto range = std::find_if(ranges.begin(), ranges.end(),
                                    [&](const range_entry& r) { return r.name == embed.name; });
    if (range == ranges.end() || range->source == nullptr) {
      error(embed, fmt::format("'sqlc.embed({})' must name a table or view of the FROM clause",
                               embed.name));
      return;
    }
    if (!widths_known) {
      error(embed, fmt::format("cannot tell which columns 'sqlc.embed({})' stands for: a '*' "
                               "before it expands a subquery or function; list those columns",
                               embed.name));
      return;
    }
    const table& t = *range->source;
    if (column + t.columns.size() > q_.columns.size()) {
      error(embed,
            fmt::format("'sqlc.embed({})' does not match the query's result columns", embed.name));
      return;
    }
    bool nullable = false;
    for (std::size_t k = 0; k < t.columns.size(); ++k) {
      nullable = nullable || (t.columns[k].not_null && q_.columns[column + k].nullable);
    }
    q_.embeds.push_back({embed.name, t.schema, t.name, column, t.columns.size(), nullable});
  }

  void error(const parsed_embed& embed, std::string message) {
    diags_.add(make_diagnostic(file_, embed.file_offset, 4, severity::error, std::move(message),
                               codes::embed_misplaced));
  }

  query& q_;
  const parsed_statement& statement_;
  const source_file& file_;
  const ir& model_;
  diagnostics& diags_;
};

}  // namespace

void resolve_embedded_tables(query& q, const parsed_statement& statement, const source_file& file,
                             const ir& model, diagnostics& diags) {
  if (statement.embeds.empty()) return;
  resolver(q, statement, file, model, diags).run();
}

}  // namespace soong::gen
