#pragma once
// How generated structs map to PostgreSQL composite types: the generator specialises
// soong::composite_traits with the type's name and its fields as member pointers, in the
// composite's attribute order.
//
//   template <> struct soong::composite_traits<app::address> {
//     static constexpr std::string_view schema = "public";
//     static constexpr std::string_view name = "address";
//     static constexpr auto fields = std::make_tuple(&app::address::street,
//                                                    &app::address::zip);
//   };
//
// Field types follow the normal type mapping (std::optional for nullable fields).

#include <string_view>
#include <tuple>

namespace soong {

/// Specialise for a generated composite struct: `schema`, `name`, `fields`.
template <class Struct>
struct composite_traits;

/// A struct with a soong::composite_traits specialisation.
template <class T>
concept pg_composite = std::is_class_v<T> && requires {
  { composite_traits<T>::schema } -> std::convertible_to<std::string_view>;
  { composite_traits<T>::name } -> std::convertible_to<std::string_view>;
  std::tuple_size<std::remove_cvref_t<decltype(composite_traits<T>::fields)>>::value;
};

}  // namespace soong
