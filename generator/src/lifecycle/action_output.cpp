#include "lifecycle/action_output.hpp"

namespace soong::gen::lifecycle {

void action_output::line(std::string_view action, std::string_view database,
                         const std::string& text, const nlohmann::json& fields) {
  if (format_ == output_format::text) {
    out_ << text << "\n";
  } else {
    nlohmann::json object = {{"action", action}, {"database", database}, {"message", text}};
    object.update(fields);
    out_ << object.dump() << "\n";
  }
  out_.flush();
}

}  // namespace soong::gen::lifecycle
