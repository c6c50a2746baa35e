#include "emit/composite_emitter.hpp"

#include <cctype>
#include <functional>
#include <set>

#include "emit/file_layout.hpp"

namespace soong::gen {

std::vector<const struct_model*> composites_in_dependency_order(const emit_model& model) {
  std::vector<const struct_model*> order;
  std::set<const struct_model*> placed;
  // A composite cannot contain itself (PostgreSQL rejects it), so this terminates. Field
  // types mention a contained composite by its qualified name.
  std::function<void(const struct_model&)> place = [&](const struct_model& c) {
    if (!placed.insert(&c).second) return;
    for (const field_model& f : c.fields) {
      for (const struct_model& other : model.composites) {
        const std::string qualified = model.qualifier + "::" + other.name;
        const auto at = f.type.find(qualified);
        const auto after = at + qualified.size();
        // The qualified name must be followed by a non-identifier character (`>`), else
        // `::db::address` would also match `::db::address_2`.
        if (at != std::string::npos && &other != &c &&
            (after == f.type.size() ||
             !(std::isalnum(static_cast<unsigned char>(f.type[after])) || f.type[after] == '_'))) {
          place(other);
        }
      }
    }
    order.push_back(&c);
  };
  for (const struct_model& c : model.composites) place(c);
  return order;
}

void write_composite_traits(code_writer& w, const emit_model& model, const struct_model& c) {
  const std::string type = model.qualifier + "::" + c.name;
  w.line("template <>");
  w.block(
      fmt::format("struct soong::composite_traits<{}> {{", type),
      [&] {
        w.linef("static constexpr std::string_view schema = {};", cpp_string_literal(c.sql_schema));
        w.linef("static constexpr std::string_view name = {};", cpp_string_literal(c.sql_name));
        if (c.fields.empty()) {
          w.line("static constexpr auto fields = std::make_tuple();");
          return;
        }
        w.line("static constexpr auto fields = std::make_tuple(");
        w.indent();
        for (std::size_t i = 0; i < c.fields.size(); ++i) {
          w.linef("&{}::{}{}", type, c.fields[i].name, i + 1 < c.fields.size() ? "," : ");");
        }
        w.dedent();
      },
      "};");
}

}  // namespace soong::gen
