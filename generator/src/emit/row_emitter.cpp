#include "emit/row_emitter.hpp"

#include "emit/file_layout.hpp"
#include "emit/struct_emitter.hpp"

namespace soong::gen {

const std::vector<field_model>& row_struct_members(const query_model& q) {
  return q.embeds.empty() ? q.columns : q.members;
}

namespace {

// The designated initialiser of an embed member: the table's struct from its columns, or, on
// the nullable side of an outer join, nullopt when all of them are NULL.
void write_embed_initialiser(code_writer& w, const emit_model& model, const field_model& member,
                             const embed_model& e) {
  const struct_model& table = model.tables.at(e.table);
  const std::string type = model.qualifier + "::" + table.name;
  if (e.optional) {
    std::vector<std::string> nulls;
    for (std::size_t k = 0; k < e.column_count; ++k) {
      nulls.push_back(fmt::format("r.is_null(i, {})", e.first_column + k));
    }
    w.linef(".{} = {}", member.name, fmt::join(nulls, " && "));
    w.indent();
    w.linef("? std::nullopt : std::optional<{}>({}{{", type, type);
  } else {
    w.linef(".{} = {{", member.name);
  }
  w.indent();
  for (std::size_t k = 0; k < e.column_count && k < table.fields.size(); ++k) {
    w.linef(".{} = row.get<{}>({}),", table.fields[k].name, table.fields[k].type,
            e.first_column + k);
  }
  w.dedent();
  w.line(e.optional ? "})," : "},");
  if (e.optional) w.dedent();
}

}  // namespace

void write_row_struct(code_writer& w, const query_model& q) {
  if (q.shape != row_shape::row_struct) return;
  write_struct(w, q.names.row_struct, fmt::format("A row returned by {}.", q.source->name),
               row_struct_members(q));
  w.blank();
}

void write_row_reader(code_writer& w, const emit_model& model, const query_model& q) {
  if (q.shape == row_shape::none) return;
  w.linef("/// Decodes row `i` of a {} result.", q.source->name);
  w.lines(format_call(fmt::format("[[nodiscard]] inline {} {}", q.row_type, q.names.read_row),
                      {"const soong::result& r", "int i"}, " {"));
  w.indent();
  [&] {
    if (q.shape == row_shape::single_column) {
      w.linef("return r.get<{}>(i, 0);", q.row_type);
      return;
    }
    // Designated initialisers: evaluated in order, and a reordering of the struct
    // would not compile instead of silently swapping columns. `return {` names no type: a
    // struct called `row` (a table `rows`) would otherwise be hidden by the local.
    w.line("const soong::row_view row = r.row(i);");
    w.line("return {");
    w.indent();
    if (q.embeds.empty()) {
      for (std::size_t c = 0; c < q.columns.size(); ++c) {
        w.linef(".{} = row.get<{}>({}),", q.columns[c].name, q.columns[c].type, c);
      }
    } else {
      std::size_t c = 0;
      std::size_t e = 0;
      for (const field_model& member : q.members) {
        if (e < q.embeds.size() && q.embeds[e].first_column == c) {
          write_embed_initialiser(w, model, member, q.embeds[e]);
          c += q.embeds[e++].column_count;
        } else {
          w.linef(".{} = row.get<{}>({}),", member.name, member.type, c++);
        }
      }
    }
    w.dedent();
    w.line("};");
  }();
  w.dedent();
  w.line("}");
}

}  // namespace soong::gen
