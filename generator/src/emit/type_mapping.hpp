#pragma once
// The PostgreSQL → C++ type mapping of generated code (docs/design.md, "Type mapping"). One place
// decides what a type looks like as a result field, as a parameter, and as the soong::type_ref
// the runtime checks, so the three can never disagree.

#include <map>
#include <string>
#include <utility>
#include <variant>

#include "ir.hpp"

namespace soong::gen {

/// How one PostgreSQL type (without nullability) appears in generated code.
struct cpp_type {
  /// Type of a result column or struct field: `std::string`, `std::vector<std::optional<int>>`.
  std::string value;
  /// Type of a parameter as stored in a params struct: `std::string_view` for text,
  /// `std::span<const std::byte>` for bytea, else `value` (arrays: see array_parameter_type).
  std::string param;
  /// Type of a parameter in a batch or COPY item, which callers keep in containers past the
  /// statement that built them: owns its text and bytes (`value` for scalars, `param` for
  /// arrays, whose elements are already owned).
  std::string item;
  /// Whether a single parameter is cheap to pass by value (scalars, views, spans).
  bool param_by_value = false;
  /// Brace initialiser of the soong::type_ref describing the wire type:
  /// `{25, "pg_catalog", "text"}`; user types carry oid 0 and are resolved by name.
  std::string type_ref;
  /// For arrays, the element's C++ type (`std::int32_t`); empty for everything else.
  /// (Braced so aggregate initialisations that stop before it stay complete.)
  std::string array_element{};
};

/// Generated C++ names of the schema's enums and composites, keyed by (schema, name).
using user_type_names = std::map<std::pair<std::string, std::string>, std::string>;

/// Either the mapping or why there is none ("inet is not a type soong maps").
using type_mapping = std::variant<cpp_type, std::string>;

/// Maps `type`. `names` gives the qualified C++ names of generated enums and composites.
[[nodiscard]] type_mapping map_type(const pg_type& type, const user_type_names& names);

/// How an array parameter is held: views of the caller's elements for one call
/// (soong::array_param), or owned containers for batch and COPY items that outlive the call.
enum class array_param_storage { borrowed, owned };

/// The type of an array parameter with elements `element`: soong::array_param<E> or
/// soong::optional_array_param<E> when borrowed, std::vector<E> or soong::optional_array<E>
/// when owned. Every form accepts a braced list.
[[nodiscard]] std::string array_parameter_type(const std::string& element, bool nullable,
                                               array_param_storage storage);

/// `std::optional<T>` when nullable, else T.
[[nodiscard]] std::string optional_of(const std::string& type, bool nullable);

/// "int4", "int4[]", "public.mood" — how a type is named in messages.
[[nodiscard]] std::string display_name(const pg_type& type);

}  // namespace soong::gen
