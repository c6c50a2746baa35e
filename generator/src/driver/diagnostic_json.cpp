#include "driver/diagnostic_json.hpp"

#include <string>

#include "diag/render.hpp"
#include "ir_json.hpp"

namespace soong::gen {

void to_json(nlohmann::json& j, const diagnostic& d) {
  j = {{"level", severity_name(d.level)},
       {"location", d.location},
       {"message", d.message},
       {"code", d.code},
       {"length", d.length},
       {"source_line", d.source_line},
       {"notes", d.notes}};
}

void from_json(const nlohmann::json& j, diagnostic& d) {
  const std::string level = j.at("level").get<std::string>();
  bool known = false;
  for (const severity s : {severity::error, severity::warning, severity::note}) {
    if (level == severity_name(s)) {
      d.level = s;
      known = true;
    }
  }
  if (!known) {
    throw nlohmann::json::type_error::create(302, "unknown diagnostic level: " + level, &j);
  }
  j.at("location").get_to(d.location);
  j.at("message").get_to(d.message);
  j.at("code").get_to(d.code);
  j.at("length").get_to(d.length);
  j.at("source_line").get_to(d.source_line);
  j.at("notes").get_to(d.notes);
}

}  // namespace soong::gen
