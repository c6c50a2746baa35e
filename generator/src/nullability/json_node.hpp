#pragma once
// Small accessors for libpg_query 15 parse-tree JSON. The tree omits zero, false and empty
// fields, wraps `Node*` fields as `{"TypeName": {...}}` and leaves typed fields unwrapped
// (libpg_query 15-4.0.0 as packaged in Debian 12); these helpers make that explicit at call
// sites.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace soong::gen::detail {

/// The shared empty value returned for absent fields, so callers never need null checks.
inline const nlohmann::json& empty_json() {
  static const nlohmann::json empty = nlohmann::json::object();
  return empty;
}

/// `object[key]` if present, else an empty object.
inline const nlohmann::json& field(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return empty_json();
  auto it = object.find(key);
  return it == object.end() ? empty_json() : *it;
}

/// The node kind of a wrapped node (`{"ColumnRef": {...}}` -> "ColumnRef"), or "".
inline std::string node_kind(const nlohmann::json& node) {
  if (!node.is_object() || node.size() != 1) return {};
  return node.begin().key();
}

/// The body of a wrapped node (`{"ColumnRef": {...}}` -> `{...}`).
inline const nlohmann::json& node_body(const nlohmann::json& node) {
  if (!node.is_object() || node.size() != 1) return empty_json();
  return node.begin().value();
}

/// A string field, "" when omitted.
inline std::string string_field(const nlohmann::json& object, std::string_view key) {
  const auto& value = field(object, key);
  return value.is_string() ? value.get<std::string>() : std::string{};
}

/// A boolean field; libpg_query omits false ones.
inline bool bool_field(const nlohmann::json& object, std::string_view key) {
  const auto& value = field(object, key);
  return value.is_boolean() && value.get<bool>();
}

/// The value of a `{"String": {"sval": "x"}}` node, or "" for anything else.
inline std::string string_node(const nlohmann::json& node) {
  if (node_kind(node) != "String") return {};
  return string_field(node_body(node), "sval");
}

/// A field that is a JSON array, or an empty array.
inline const nlohmann::json& list_field(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json empty = nlohmann::json::array();
  const auto& value = field(object, key);
  return value.is_array() ? value : empty;
}

/// The last `String` of a name list (`["pg_catalog", "count"]` -> "count").
inline std::string last_name(const nlohmann::json& names) {
  if (!names.is_array() || names.empty()) return {};
  return string_node(names.back());
}

/// Strips `TypeCast` and `CollateClause` wrappers: they do not change nullability or identity.
inline const nlohmann::json& strip_casts(const nlohmann::json& node) {
  const nlohmann::json* current = &node;
  for (;;) {
    auto kind = node_kind(*current);
    if (kind != "TypeCast" && kind != "CollateClause") return *current;
    current = &field(node_body(*current), "arg");
  }
}

}  // namespace soong::gen::detail
