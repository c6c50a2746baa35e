#include "emit/struct_emitter.hpp"

#include <algorithm>
#include <string>

#include "emit/file_layout.hpp"

namespace soong::gen {
namespace {

/// std::span has no operator== (a parameter struct may hold one for a bytea argument), so a
/// struct with a span field gets none: a defaulted one would be deleted.
bool comparable(const std::vector<field_model>& fields) {
  // Views have no ==: std::span, and soong::array_param (a span of a braced list or container).
  return std::none_of(fields.begin(), fields.end(), [](const field_model& f) {
    return f.type.find("std::span<") != std::string::npos ||
           f.type.find("array_param<") != std::string::npos;
  });
}

}  // namespace

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
        if (comparable(fields)) {
          w.blank();
          // A field named like the struct hides its name inside it; `struct row` still finds it.
          const bool hidden = std::any_of(fields.begin(), fields.end(),
                                          [&](const field_model& f) { return f.name == name; });
          w.linef("friend bool operator==(const {0}{1}&, const {0}{1}&) = default;",
                  hidden ? "struct " : "", name);
        }
      },
      "};");
}

}  // namespace soong::gen
