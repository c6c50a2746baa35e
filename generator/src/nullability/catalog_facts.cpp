#include "nullability/catalog_facts.hpp"

namespace soong::gen {

void catalog_facts::add_function(std::string_view name, bool strict, bool returns_set,
                                 bool user_defined) {
  auto [it, inserted] = functions.try_emplace(std::string{name});
  function_fact& fact = it->second;
  if (inserted) {
    fact.name = std::string{name};
    fact.strict = strict;
  } else {
    // A call may resolve to any overload: the name is strict only if every overload is.
    fact.strict = fact.strict && strict;
  }
  fact.returns_set = fact.returns_set || returns_set;
  fact.user_defined = fact.user_defined || user_defined;
}

const relation_fact* catalog_facts::find_relation(std::string_view schema,
                                                  std::string_view name) const {
  auto find_in = [&](std::string_view in_schema) -> const relation_fact* {
    for (const auto& relation : relations) {
      if (relation.schema == in_schema && relation.name == name) return &relation;
    }
    return nullptr;
  };
  if (!schema.empty()) return find_in(schema);
  for (const auto& searched : search_path) {
    if (const auto* found = find_in(searched)) return found;
  }
  return nullptr;
}

const function_fact* catalog_facts::find_function(std::string_view name) const {
  auto it = functions.find(name);
  return it == functions.end() ? nullptr : &it->second;
}

bool catalog_facts::is_aggregate(std::string_view name) const {
  return aggregates.find(name) != aggregates.end();
}

}  // namespace soong::gen
