#pragma once
// How generated enums map to PostgreSQL enum types: the generator specialises
// soong::enum_traits for each `enum class`; the codec sends and reads the labels.
//
//   template <> struct soong::enum_traits<app::mood> {
//     static constexpr std::string_view schema = "public";
//     static constexpr std::string_view name = "mood";
//     static constexpr std::pair<app::mood, std::string_view> values[] = {
//         {app::mood::sad, "sad"}, {app::mood::ok, "ok"}, {app::mood::happy, "happy"}};
//   };

#include <string_view>
#include <type_traits>

namespace soong {

/// Specialise for a generated enum: `schema`, `name` and `values` (value/label pairs).
template <class Enum>
struct enum_traits;

/// An enum type with a soong::enum_traits specialisation.
template <class T>
concept pg_enum = std::is_enum_v<T> && requires {
  { enum_traits<T>::schema } -> std::convertible_to<std::string_view>;
  { enum_traits<T>::name } -> std::convertible_to<std::string_view>;
  enum_traits<T>::values[0].first;
  enum_traits<T>::values[0].second;
};

/// The PostgreSQL label of `value` (empty when not in the traits table).
template <pg_enum Enum>
[[nodiscard]] constexpr std::string_view enum_label(Enum value) noexcept {
  for (const auto& [v, label] : enum_traits<Enum>::values) {
    if (v == value) return label;
  }
  return {};
}

/// The enum value of `label`, or false when no value has it.
template <pg_enum Enum>
[[nodiscard]] constexpr bool enum_from_label(std::string_view label, Enum& out) noexcept {
  for (const auto& [v, l] : enum_traits<Enum>::values) {
    if (l == label) {
      out = v;
      return true;
    }
  }
  return false;
}

}  // namespace soong
