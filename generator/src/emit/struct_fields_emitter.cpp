#include "emit/struct_fields_emitter.hpp"

#include "emit/file_layout.hpp"

namespace soong::gen {

void write_struct_fields(code_writer& w, std::string_view qualified_type,
                         const std::vector<field_model>& fields) {
  w.line("template <>");
  w.block(
      fmt::format("struct soong::struct_fields<{}> {{", qualified_type),
      [&] {
        // The unqualified name, for printing (soong/print.hpp).
        const std::size_t last_colon = qualified_type.rfind(':');
        w.linef("static constexpr std::string_view name = {};",
                cpp_string_literal(last_colon == std::string_view::npos
                                       ? qualified_type
                                       : qualified_type.substr(last_colon + 1)));
        if (fields.empty()) {
          w.line("static constexpr auto fields = std::make_tuple();");
          return;
        }
        // A short alias keeps the member pointers within the line limit.
        w.linef("using s = {};", qualified_type);
        w.line("static constexpr auto fields = std::make_tuple(");
        w.indent();
        for (std::size_t i = 0; i < fields.size(); ++i) {
          w.linef("soong::field({}, &s::{}){}", cpp_string_literal(fields[i].sql_name),
                  fields[i].name, i + 1 < fields.size() ? "," : ");");
        }
        w.dedent();
      },
      "};");
}

}  // namespace soong::gen
