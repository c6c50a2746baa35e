#include "drift/difference_format.hpp"

namespace soong::gen::drift {

const char* to_string(difference_kind kind) {
  switch (kind) {
    case difference_kind::missing:
      return "missing";
    case difference_kind::extra:
      return "extra";
    case difference_kind::changed:
      return "changed";
  }
  return "changed";
}

std::string differences_text(const std::vector<difference>& differences) {
  std::string out;
  for (const auto& d : differences) out += difference_text(d) + "\n";
  return out;
}

nlohmann::json differences_json(const std::vector<difference>& differences) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : differences) {
    nlohmann::json item;
    item["kind"] = to_string(d.kind);
    item["object_type"] = d.object_type;
    item["object"] = d.object;
    item["aspect"] = d.kind == difference_kind::changed ? nlohmann::json(d.aspect) : nullptr;
    item["expected"] =
        d.kind == difference_kind::extra ? nlohmann::json() : nlohmann::json(d.expected);
    item["actual"] =
        d.kind == difference_kind::missing ? nlohmann::json() : nlohmann::json(d.actual);
    item["message"] = difference_text(d);
    list.push_back(std::move(item));
  }
  return {{"drift", !differences.empty()}, {"differences", std::move(list)}};
}

}  // namespace soong::gen::drift
