#include "emit/enum_emitter.hpp"

#include "emit/file_layout.hpp"

namespace soong::gen {
namespace {}  // namespace

void write_enum(code_writer& w, const enum_model& e) {
  const enum_type& source = *e.source;
  write_doc_comment(
      w,
      with_description(source.doc, fmt::format("PostgreSQL enum {}.{}, in the order of its labels.",
                                               source.schema, source.name)));
  w.block(
      fmt::format("enum class {} {{", e.name),
      [&] {
        for (std::size_t i = 0; i < e.enumerators.size(); ++i) {
          const bool renamed = e.enumerators[i] != source.labels[i];
          w.line(renamed ? fmt::format("{},  // {}", e.enumerators[i],
                                       cpp_string_literal(source.labels[i]))
                         : fmt::format("{},", e.enumerators[i]));
        }
      },
      "};");
  w.blank();
  write_doc_comment(w, fmt::format("The PostgreSQL label of `value` (empty for a value that is "
                                   "not an enumerator of {}).",
                                   e.name));
  w.block(fmt::format("[[nodiscard]] constexpr std::string_view to_string({} value) noexcept {{",
                      e.name),
          [&] {
            w.block("switch (value) {", [&] {
              for (std::size_t i = 0; i < e.enumerators.size(); ++i) {
                w.linef("case {}::{}: return {};", e.name, e.enumerators[i],
                        cpp_string_literal(source.labels[i]));
              }
            });
            w.line("return {};");
          });
  w.blank();
  write_doc_comment(w,
                    fmt::format("The {} with PostgreSQL label `label`, if there is one.", e.name));
  w.block(fmt::format("[[nodiscard]] constexpr std::optional<{0}> {0}_from_string("
                      "std::string_view label) noexcept {{",
                      e.name),
          [&] {
            for (std::size_t i = 0; i < e.enumerators.size(); ++i) {
              w.linef("if (label == {}) return {}::{};", cpp_string_literal(source.labels[i]),
                      e.name, e.enumerators[i]);
            }
            w.line("return std::nullopt;");
          });
}

void write_enum_traits(code_writer& w, const emit_model& model, const enum_model& e) {
  const std::string type = model.qualifier + "::" + e.name;
  w.line("template <>");
  w.block(
      fmt::format("struct soong::enum_traits<{}> {{", type),
      [&] {
        w.linef("static constexpr std::string_view schema = {};",
                cpp_string_literal(e.source->schema));
        w.linef("static constexpr std::string_view name = {};", cpp_string_literal(e.source->name));
        w.linef("static constexpr std::pair<{}, std::string_view> values[] = {{", type);
        w.indent();
        for (std::size_t i = 0; i < e.enumerators.size(); ++i) {
          w.linef("{{{}::{}, {}}},", type, e.enumerators[i],
                  cpp_string_literal(e.source->labels[i]));
        }
        w.dedent();
        w.line("};");
      },
      "};");
}

}  // namespace soong::gen
