#include "emit/type_mapping.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <string_view>

namespace soong::gen {
namespace {

// OIDs of the built-in types soong maps (pg_type.dat; stable across databases and versions).
struct builtin_type {
  std::uint32_t oid;
  std::uint32_t array_oid;
  std::string_view name;
  std::string_view value;
  std::string_view param;
  bool by_value;
};

constexpr std::array<builtin_type, 20> builtin_types{{
    {16, 1000, "bool", "bool", "bool", true},
    {17, 1001, "bytea", "std::vector<std::byte>", "std::span<const std::byte>", true},
    {19, 1003, "name", "std::string", "std::string_view", true},
    {20, 1016, "int8", "std::int64_t", "std::int64_t", true},
    {21, 1005, "int2", "std::int16_t", "std::int16_t", true},
    {23, 1007, "int4", "std::int32_t", "std::int32_t", true},
    {25, 1009, "text", "std::string", "std::string_view", true},
    {114, 199, "json", "nlohmann::json", "nlohmann::json", false},
    {700, 1021, "float4", "float", "float", true},
    {701, 1022, "float8", "double", "double", true},
    {1042, 1014, "bpchar", "std::string", "std::string_view", true},
    {1043, 1015, "varchar", "std::string", "std::string_view", true},
    {1082, 1182, "date", "soong::date", "soong::date", true},
    {1083, 1183, "time", "soong::time_of_day", "soong::time_of_day", true},
    {1114, 1115, "timestamp", "soong::local_timestamp", "soong::local_timestamp_arg", true},
    {1184, 1185, "timestamptz", "soong::timestamptz", "soong::timestamptz_arg", true},
    {1186, 1187, "interval", "soong::interval", "soong::interval", true},
    {1700, 1231, "numeric", "soong::numeric", "soong::numeric", false},
    {2950, 2951, "uuid", "soong::uuid", "soong::uuid", true},
    {3802, 3807, "jsonb", "nlohmann::json", "nlohmann::json", false},
}};

// Extension types whose binary form is their text (CREATE EXTENSION citext).
constexpr std::array<std::string_view, 1> text_like_extension_types{"citext"};

const builtin_type* find_builtin(std::uint32_t oid) {
  for (const auto& t : builtin_types) {
    if (t.oid == oid) return &t;
  }
  return nullptr;
}

std::string quoted(std::string_view s) { return fmt::format("\"{}\"", s); }

std::string user_type_ref(const pg_type& type, bool array) {
  // Arrays of user types are named like PostgreSQL names them (`_mood`); the runtime resolves
  // either by name per connection.
  return fmt::format("{{0, {}, {}}}", quoted(type.schema),
                     quoted(array ? "_" + type.name : type.name));
}

// The element type's mapping, before arrays are applied.
type_mapping map_element(const pg_type& type, const user_type_names& names) {
  switch (type.kind) {
    case type_kind::enumeration:
    case type_kind::composite: {
      const auto it = names.find({type.schema, type.name});
      if (it == names.end()) {
        return fmt::format("{}.{} is not among the schema's enums and composite types", type.schema,
                           type.name);
      }
      const bool by_value = type.kind == type_kind::enumeration;
      return cpp_type{it->second, it->second, it->second, by_value, user_type_ref(type, false)};
    }
    case type_kind::pseudo:
      return fmt::format("{} is a pseudo-type", type.name);
    case type_kind::domain:
      break;  // resolved by the caller
    case type_kind::base:
      if (const builtin_type* b = find_builtin(type.oid)) {
        return cpp_type{std::string(b->value), std::string(b->param), std::string(b->value),
                        b->by_value,
                        fmt::format("{{{}, \"pg_catalog\", {}}}", b->oid, quoted(b->name))};
      }
      for (std::string_view text_like : text_like_extension_types) {
        if (type.oid >= 16384 && type.name == text_like) {
          return cpp_type{"std::string", "std::string_view", "std::string", true,
                          user_type_ref(type, false)};
        }
      }
      break;
  }
  return fmt::format("{} is not a type soong maps", type.name);
}

// Domains are sent and received as their base type (PostgreSQL reports a domain column with
// its base type's OID in RowDescription), so they map like the base.
pg_type resolve_domain(const pg_type& type, const user_type_names& names) {
  pg_type base;
  base.oid = type.domain_base_oid;
  base.name = type.domain_base;
  base.schema = type.domain_base_oid < 16384 ? "pg_catalog" : type.schema;
  base.array_dims = type.array_dims + type.domain_base_array_dims;
  base.typmod = type.typmod;
  base.kind = type_kind::base;
  // The IR names a domain's base but not its kind; a user-defined base is one of the schema's
  // enums or composites when one has that name.
  if (base.oid >= 16384) {
    for (const auto& [key, cpp_name] : names) {
      if (key.second == base.name) {
        base.schema = key.first;
        base.kind = type_kind::enumeration;  // enum or composite: both resolve through `names`
      }
    }
  }
  return base;
}

}  // namespace

type_mapping map_type(const pg_type& type, const user_type_names& names) {
  if (type.kind == type_kind::domain) {
    if (type.domain_base.empty()) return fmt::format("domain {} has no base type", type.name);
    if (type.array_dims > 0 && type.domain_base_array_dims > 0) {
      return fmt::format("{} is an array of a domain over an array", display_name(type));
    }
    type_mapping mapped = map_type(resolve_domain(type, names), names);
    // The runtime resolves a domain by name and compares result columns with its base type
    // (docs/runtime-api.md §2); parameters are sent as the domain, so its checks run.
    if (auto* t = std::get_if<cpp_type>(&mapped))
      t->type_ref = user_type_ref(type, type.array_dims > 0);
    return mapped;
  }
  if (type.array_dims > 1) {
    return fmt::format("{} has {} dimensions; soong maps one-dimensional arrays only",
                       display_name(type), type.array_dims);
  }
  type_mapping element = map_element(type, names);
  if (type.array_dims == 0 || std::holds_alternative<std::string>(element)) return element;

  const cpp_type& e = std::get<cpp_type>(element);
  cpp_type array;
  // PostgreSQL never guarantees that array elements are non-null (no NOT NULL for elements),
  // so result elements are optional; parameters are built by the caller, who knows.
  array.value = fmt::format("std::vector<std::optional<{}>>", e.value);
  array.param = array_parameter_type(e.value, false, array_param_storage::owned);
  array.item = array.param;
  array.param_by_value = false;
  array.array_element = e.value;
  if (const builtin_type* b = find_builtin(type.oid)) {
    array.type_ref = fmt::format("{{{}, \"pg_catalog\", \"_{}\"}}", b->array_oid, b->name);
  } else {
    array.type_ref = user_type_ref(type, true);
  }
  return array;
}

std::string array_parameter_type(const std::string& element, bool nullable,
                                 array_param_storage storage) {
  if (storage == array_param_storage::borrowed) {
    return fmt::format("{}<{}>", nullable ? "soong::optional_array_param" : "soong::array_param",
                       element);
  }
  return fmt::format("{}<{}>", nullable ? "soong::optional_array" : "std::vector", element);
}

std::string optional_of(const std::string& type, bool nullable) {
  return nullable ? fmt::format("std::optional<{}>", type) : type;
}

std::string display_name(const pg_type& type) {
  std::string name = type.schema.empty() || type.schema == "pg_catalog"
                         ? type.name
                         : fmt::format("{}.{}", type.schema, type.name);
  for (int i = 0; i < type.array_dims; ++i) name += "[]";
  return name;
}

}  // namespace soong::gen
