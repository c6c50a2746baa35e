#include "emit/json_emitter.hpp"

#include "emit/file_layout.hpp"

namespace soong::gen {
namespace {

// Kept as text: it is the same for every schema. Declarations precede definitions so that the
// overloads can call each other (two-phase lookup finds only what was declared before).
constexpr std::string_view json_helpers =
    R"cpp(// JSON for values of generated structs: optionals as null, arrays element by element.
          template <class T>
          nlohmann::json to_json_value(const T& value);
          template <class T>
          nlohmann::json to_json_value(const std::optional<T>& value);
          template <class T>
          nlohmann::json to_json_value(const std::vector<std::optional<T>>& values);
          template <class T>
          void from_json_value(const nlohmann::json& j, T& out);
          template <class T>
          void from_json_value(const nlohmann::json& j, std::optional<T>& out);
          template <class T>
          void from_json_value(const nlohmann::json& j, std::vector<std::optional<T>>& out);

          template <class T>
          nlohmann::json to_json_value(const T& value) {
            return nlohmann::json(value);
          }
          template <class T>
          nlohmann::json to_json_value(const std::optional<T>& value) {
            return value ? to_json_value(*value) : nlohmann::json(nullptr);
          }
          template <class T>
          nlohmann::json to_json_value(const std::vector<std::optional<T>>& values) {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& v : values) out.push_back(to_json_value(v));
            return out;
          }
          template <class T>
          void from_json_value(const nlohmann::json& j, T& out) {
            j.get_to(out);
          }
          template <class T>
          void from_json_value(const nlohmann::json& j, std::optional<T>& out) {
            if (j.is_null()) {
              out.reset();
              return;
            }
            T value{};
            from_json_value(j, value);
            out = std::move(value);
          }
          template <class T>
          void from_json_value(const nlohmann::json& j, std::vector<std::optional<T>>& out) {
            out.clear();
            for (const auto& element : j) from_json_value(element, out.emplace_back());
          }
          /// Reads `object[key]` into `out`; a missing key reads as null (so only optionals accept
          /// it).
          template <class T>
          void read_json_field(const nlohmann::json& object, const char* key, T& out) {
            const auto it = object.find(key);
            if (it != object.end()) {
              from_json_value(*it, out);
            } else if constexpr (soong::is_optional<T>) {
              out.reset();
            } else {
              from_json_value(object.at(key), out);  // throws nlohmann's out_of_range naming the
                                                     // key
            }
          })cpp";

}  // namespace

void write_json_helpers(code_writer& w, const emit_model& model) {
  open_namespace(w, model, true);
  w.blank();
  w.lines(json_helpers);
  w.blank();
  close_namespace(w, model, true);
}

void write_json_functions(code_writer& w, std::string_view type,
                          const std::vector<field_model>& fields) {
  // A struct without fields (a table without columns) names neither parameter, so that code
  // compiled with -Wunused-parameter stays quiet.
  const bool empty = fields.empty();
  write_doc_comment(w, fmt::format("{} as a JSON object keyed by SQL names (nlohmann ADL).", type));
  w.block(fmt::format("inline void to_json(nlohmann::json& j, const {}&{}) {{", type,
                      empty ? "" : " value"),
          [&] {
            w.line("j = nlohmann::json::object();");
            for (const field_model& f : fields) {
              w.linef("j[{}] = detail::to_json_value(value.{});", cpp_string_literal(f.sql_name),
                      f.name);
            }
          });
  w.blank();
  write_doc_comment(w, fmt::format("Reads a {} written by to_json (or by row_to_json).", type));
  w.block(fmt::format("inline void from_json(const nlohmann::json&{}, {}&{}) {{", empty ? "" : " j",
                      type, empty ? "" : " value"),
          [&] {
            for (const field_model& f : fields) {
              w.linef("detail::read_json_field(j, {}, value.{});", cpp_string_literal(f.sql_name),
                      f.name);
            }
          });
}

}  // namespace soong::gen
