#include <string>

#include "soong/data_api/text_parameters.hpp"
#include "soong/error.hpp"

// detail::throw_sql_error: the runtime's one mapping from SQLSTATE to exception class.
#include "connection_state.hpp"

namespace soong::data_api {
namespace {

constexpr std::string_view character_not_in_repertoire = "22021";

/// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past
/// U+10FFFF), as nlohmann's serializer checks it.
bool valid_utf8(const std::string& text) {
  try {
    static_cast<void>(nlohmann::json(text).dump());
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

[[noreturn]] void refuse(std::string_view query_name, const std::string& parameter,
                         std::string_view problem, std::optional<std::size_t> batch_index) {
  sql_error_fields fields;
  fields.sqlstate = std::string(character_not_in_repertoire);
  fields.message = "parameter \"" + parameter + "\" " + std::string(problem) +
                   ", which PostgreSQL text cannot hold; nothing was sent to the Data API";
  detail::throw_sql_error(std::string(query_name), std::move(fields), batch_index);
}

}  // namespace

void check_text_parameters(const nlohmann::json& parameters, std::string_view query_name,
                           std::optional<std::size_t> batch_index) {
  if (!parameters.is_array()) return;
  for (const nlohmann::json& parameter : parameters) {
    const auto value = parameter.find("value");
    if (value == parameter.end() || !value->is_object()) continue;
    const auto text = value->find("stringValue");
    if (text == value->end() || !text->is_string()) continue;
    const std::string& s = text->get_ref<const std::string&>();
    const std::string name = parameter.value("name", std::string("?"));
    if (s.find('\0') != std::string::npos)
      refuse(query_name, name, "holds a NUL byte", batch_index);
    if (!valid_utf8(s)) refuse(query_name, name, "is not valid UTF-8", batch_index);
  }
}

}  // namespace soong::data_api
