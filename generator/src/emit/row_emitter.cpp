#include "emit/row_emitter.hpp"

#include "emit/file_layout.hpp"
#include "emit/struct_emitter.hpp"

namespace soong::gen {

void write_row_struct(code_writer& w, const query_model& q) {
  if (q.shape != row_shape::row_struct) return;
  write_struct(w, q.names.row_struct, fmt::format("A row returned by {}.", q.source->name),
               q.columns);
  w.blank();
}

void write_row_reader(code_writer& w, const query_model& q) {
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
    for (std::size_t c = 0; c < q.columns.size(); ++c) {
      w.linef(".{} = row.get<{}>({}),", q.columns[c].name, q.columns[c].type, c);
    }
    w.dedent();
    w.line("};");
  }();
  w.dedent();
  w.line("}");
}

}  // namespace soong::gen
