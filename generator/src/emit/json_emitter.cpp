#include "emit/json_emitter.hpp"

#include "emit/file_layout.hpp"

namespace soong::gen {
namespace {

// `name` as it appears between the quotes of a JSON string (escaped as soong::json_writer and
// nlohmann escape), so that the generated writer copies keys without escaping them at run time.
std::string json_string_body(std::string_view name) {
  // JSON's two-character escapes (RFC 8259 section 7); other control characters as \u00xx.
  constexpr std::string_view escaped = "\"\\\b\f\n\r\t", letters = "\"\\bfnrt";
  std::string out;
  for (const char c : name) {
    if (const std::size_t k = escaped.find(c); k != std::string_view::npos) {
      out.push_back('\\');
      out.push_back(letters[k]);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    } else {
      out.push_back(c);
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
