#include "emit/struct_emitter.hpp"

#include "emit/file_layout.hpp"

namespace soong::gen {

void write_struct(code_writer& w, std::string_view name, std::string_view doc,
                  const std::vector<field_model>& fields) {
  write_doc_comment(w, doc);
  w.block(
      fmt::format("struct {} {{", name),
      [&] {
        // `{}` value-initialises scalars, so a partly designated initialiser leaves no field
        // indeterminate.
        for (const field_model& f : fields) {
          if (!f.doc.empty()) write_doc_comment(w, f.doc);
          w.linef("{} {}{{}};", f.type, f.name);
        }
      },
      "};");
}

}  // namespace soong::gen
