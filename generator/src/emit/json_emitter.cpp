#include "emit/json_emitter.hpp"

#include "emit/file_layout.hpp"

namespace soong::gen {
namespace {

// `name` as it appears between the quotes of a JSON string (escaped as soong::json_writer and
// nlohmann escape), so that the generated writer copies keys without escaping them at run time.
std::string json_string_body(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          out += fmt::format("\\u{:04x}", u);
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

}  // namespace

void write_json_functions(code_writer& w, std::string_view type,
                          const std::vector<field_model>& fields) {
  // A struct without fields (a table without columns) names no value parameter, so that code
  // compiled with -Wunused-parameter stays quiet.
  const bool empty = fields.empty();
  write_doc_comment(w, fmt::format("{} as a JSON object keyed by SQL names (nlohmann ADL).", type));
  w.block(fmt::format("inline void to_json(nlohmann::json& j, const {}&{}) {{", type,
                      empty ? "" : " value"),
          [&] {
            w.line("j = nlohmann::json::object();");
            for (const field_model& f : fields) {
              w.linef("j[{}] = value.{};", cpp_string_literal(f.sql_name), f.name);
            }
          });
  w.blank();
  write_doc_comment(w, fmt::format("Reads a {} written by to_json (or by row_to_json).", type));
  w.block(fmt::format("inline void from_json(const nlohmann::json&{}, {}&{}) {{", empty ? "" : " j",
                      type, empty ? "" : " value"),
          [&] {
            for (const field_model& f : fields) {
              w.linef("soong::read_json_field(j, {}, value.{});", cpp_string_literal(f.sql_name),
                      f.name);
            }
          });
  w.blank();
  write_doc_comment(
      w, fmt::format("{} as JSON text, keys in column order (soong::json_writer ADL).", type));
  w.block(fmt::format("inline void write_json(soong::json_writer& w, const {}&{}) {{", type,
                      empty ? "" : " value"),
          [&] {
            w.line("w.begin_object();");
            for (const field_model& f : fields) {
              w.linef("w.member({}, value.{});", cpp_string_literal(json_string_body(f.sql_name)),
                      f.name);
            }
            w.line("w.end_object();");
          });
}

}  // namespace soong::gen
