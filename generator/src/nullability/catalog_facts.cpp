#include "nullability/catalog_facts.hpp"

namespace soong::gen {

void catalog_facts::add_function(std::string_view name, bool strict, bool returns_set,
                                 bool user_defined) {
  add_function(function_overload{.name = name,
                                 .strict = strict,
                                 .returns_set = returns_set,
                                 .user_defined = user_defined,
                                 .extension = {},
                                 .sql_body = {},
                                 .argument_names = {}});
}

void catalog_facts::add_function(const function_overload& overload) {
  auto [it, inserted] = functions.try_emplace(std::string{overload.name});
  function_fact& fact = it->second;
  if (inserted) {
    fact.name = std::string{overload.name};
    fact.strict = overload.strict;
    fact.sql_body = std::string{overload.sql_body};
    fact.argument_names = overload.argument_names;
  } else {
    // A call may resolve to any overload: the name is strict only if every overload is, and
    // a body stands for the call only when there is no other overload.
    fact.strict = fact.strict && overload.strict;
    fact.sql_body.clear();
    fact.argument_names.clear();
  }
  ++fact.overloads;
  fact.returns_set = fact.returns_set || overload.returns_set;
  fact.user_defined = fact.user_defined || overload.user_defined;
  if (overload.user_defined) fact.extensions.insert(std::string{overload.extension});
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
