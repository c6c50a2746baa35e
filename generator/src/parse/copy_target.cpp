#include "parse/copy_target.hpp"

#include <map>

namespace soong::gen {

std::optional<copy_target> copy_target_of(const nlohmann::json& statement) {
  const auto insert = statement.find("InsertStmt");
  if (insert == statement.end()) return std::nullopt;
  const auto& relation = insert->value("relation", nlohmann::json::object());
  const auto& cols = insert->value("cols", nlohmann::json::array());
  const auto& values =
      (*insert)["selectStmt"]["SelectStmt"].value("valuesLists", nlohmann::json::array());
  if (cols.empty() || values.size() != 1 || insert->contains("onConflictClause") ||
      insert->contains("returningList")) {
    return std::nullopt;
  }
  const auto& items = values[0]["List"].value("items", nlohmann::json::array());
  if (items.size() != cols.size()) return std::nullopt;

  std::map<int, std::string> by_param;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto param = items[i].find("ParamRef");
    if (param == items[i].end()) return std::nullopt;
    const int number = param->value("number", 0);
    const std::string name = cols[i]["ResTarget"].value("name", "");
    if (number < 1 || name.empty() || !by_param.emplace(number, name).second) return std::nullopt;
  }
  if (by_param.rbegin()->first != static_cast<int>(by_param.size())) return std::nullopt;

  copy_target target;
  target.schema = relation.value("schemaname", "");
  target.table = relation.value("relname", "");
  for (auto& [number, name] : by_param) target.columns.push_back(std::move(name));
  return target;
}

}  // namespace soong::gen
