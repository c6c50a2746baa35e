#pragma once
// The field list of a generated struct (rows, tables, composites): the generator specialises
// soong::struct_fields with each field's SQL name and member pointer, in column order.
//
//   template <> struct soong::struct_fields<app::user> {
//     static constexpr std::string_view name = "user";   // optional, for printing
//     static constexpr auto fields = std::make_tuple(soong::field("id", &app::user::id),
//                                                    soong::field("handle", &app::user::handle));
//   };
//
// The runtime derives the struct's JSON from it: nlohmann's to_json/from_json (soong/json.hpp)
// and soong::json_writer (soong/json_writer.hpp). This header itself needs no JSON library.

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace soong {

/// One field: its SQL name (the JSON key) and its member pointer.
template <class Struct, class Member>
struct named_field {
  std::string_view name;
  Member Struct::*member;
};

/// `named_field` with its types deduced from the member pointer.
template <class Struct, class Member>
[[nodiscard]] constexpr named_field<Struct, Member> field(std::string_view name,
                                                          Member Struct::*member) noexcept {
  return {name, member};
}

/// Specialise for a generated struct: `fields`, a tuple of soong::field(...), and optionally
/// `name`, the struct's name (soong/print.hpp prints it).
template <class Struct>
struct struct_fields;

/// A struct with a soong::struct_fields specialisation.
template <class T>
concept has_struct_fields = std::is_class_v<T> && requires {
  std::tuple_size<std::remove_cvref_t<decltype(struct_fields<T>::fields)>>::value;
};

/// Calls `visit(field)` for each field of `T` in order (each a soong::named_field).
template <has_struct_fields T, class Visit>
constexpr void for_each_field(Visit&& visit) {
  std::apply([&](const auto&... each) { (visit(each), ...); }, struct_fields<T>::fields);
}

}  // namespace soong
