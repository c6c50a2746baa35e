#pragma once
// nlohmann::json serialisation of soong's value types, so generated structs can be turned into
// JSON (and back). Every value is what PostgreSQL's to_json gives in a UTC session (soong
// sessions run in UTC; see docs/runtime-api.md), as far as a json tree can hold it:
//   uuid            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
//   numeric         a JSON number (12.50 is held as the double 12.5); "NaN", "Infinity",
//                   "-Infinity" as strings. soong::json_writer keeps the exact digits.
//   float4/float8   numbers; "NaN", "Infinity", "-Infinity" as strings (generated structs'
//                   fields; a float4 holds the double its shortest digits read as: 0.1, not
//                   0.10000000149011612)
//   date            "2024-02-29", "0044-03-15 BC"   (infinity: "infinity" / "-infinity")
//   time_of_day     "13:45:00.25", "24:00:00"
//   local_timestamp "2024-02-29T13:45:00.25"   timestamptz "2024-02-29T13:45:00.25+00:00"
//   interval        "1 year 2 mons 3 days 04:05:06.5" (IntervalStyle postgres)
//   bytea           "\\x00ff" (PostgreSQL's hex form)
//   generated enums their PostgreSQL label
//   std::optional   null when empty (SQL NULL); a missing key reads as empty too
//   generated structs  an object keyed by SQL names, from their soong::struct_fields
// Reading accepts these and the forms soong wrote before: timestamptz with Z or any offset,
// astronomical years (0000, -0043), bytea as base64, interval as
// {"months":..,"days":..,"microseconds":..}, NaN floats as null into std::optional.
// soong::json_writer (soong/json_writer.hpp) writes the same renderings as text, byte for byte
// what the server writes.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "soong/chrono_text.hpp"
#include "soong/chrono_types.hpp"
#include "soong/codec_text.hpp"
#include "soong/enum_traits.hpp"
#include "soong/float_text.hpp"
#include "soong/numeric.hpp"
#include "soong/struct_fields.hpp"
#include "soong/uuid.hpp"

namespace soong {

/// Parsers for the renderings above; throw soong::error on malformed input.
[[nodiscard]] date parse_date(std::string_view text);
[[nodiscard]] time_of_day parse_time_of_day(std::string_view text);
[[nodiscard]] local_timestamp parse_local_timestamp(std::string_view text);
[[nodiscard]] timestamptz parse_timestamptz(std::string_view text);
/// RFC 4648 base64 with padding.
[[nodiscard]] std::string to_base64(std::span<const std::byte> bytes);
[[nodiscard]] bytea from_base64(std::string_view text);
/// PostgreSQL's hex form of bytea: `\x00ff`.
[[nodiscard]] std::string to_bytea_hex(std::span<const std::byte> bytes);
/// The hex form (`\x00ff`) or base64; throws soong::error on anything else.
[[nodiscard]] bytea parse_bytea(std::string_view text);
/// Whether `text` is a JSON number (RFC 8259), as the server checks a numeric's text before
/// writing it unquoted.
[[nodiscard]] bool is_json_number(std::string_view text) noexcept;

namespace detail {

template <class T>
inline constexpr bool is_json_array_of = false;
template <class T, class Allocator>
inline constexpr bool is_json_array_of<std::vector<T, Allocator>> = !std::is_same_v<T, std::byte>;

/// The json value of a float as the server writes it: a number, or "NaN" / "Infinity" /
/// "-Infinity" (nlohmann would write null).
[[nodiscard]] nlohmann::json float_json(double v);
[[nodiscard]] nlohmann::json float_json(float v);
/// A numeric as a JSON number (what nlohmann's parse makes of the server's text), or its text
/// as a string for NaN, ±Infinity and numbers beyond a double's range.
[[nodiscard]] nlohmann::json numeric_json(const numeric& v);
/// A float from a number or one of the three words above.
[[nodiscard]] double float_from_json(const nlohmann::json& j);

/// `v` into `j` as the server's to_json renders it; floats (also inside optionals and arrays)
/// need this, everything else has its adl_serializer.
template <class T>
void assign_json(nlohmann::json& j, const T& v) {
  if constexpr (std::is_floating_point_v<T>) {
    j = float_json(v);
  } else if constexpr (is_optional<T>) {
    if (v) {
      assign_json(j, *v);
    } else {
      j = nullptr;
    }
  } else if constexpr (is_json_array_of<T>) {
    j = nlohmann::json::array();
    for (const auto& element : v) assign_json(j.emplace_back(), element);
  } else {
    j = v;
  }
}

/// The reverse of assign_json.
template <class T>
void read_json(const nlohmann::json& j, T& out) {
  if constexpr (std::is_floating_point_v<T>) {
    out = static_cast<T>(float_from_json(j));
  } else if constexpr (is_optional<T>) {
    using value_type = typename T::value_type;
    if (j.is_null()) {
      out.reset();
    } else if constexpr (std::is_default_constructible_v<value_type>) {
      value_type value{};
      read_json(j, value);
      out = std::move(value);
    } else {
      out = j.get<value_type>();  // a type of the program's own, with its own serializer
    }
  } else if constexpr (is_json_array_of<T>) {
    const auto& elements = j.get_ref<const nlohmann::json::array_t&>();  // throws if not one
    out.clear();
    out.reserve(elements.size());
    for (const nlohmann::json& element : elements) {
      typename T::value_type value{};
      read_json(element, value);
      out.push_back(std::move(value));
    }
  } else {
    j.get_to(out);
  }
}

}  // namespace detail

/// Reads `object[key]` into `out`; a missing key reads as null, so only a std::optional
/// accepts it (otherwise nlohmann's out_of_range names the key). The from_json of generated
/// structs uses it for each field.
template <class T>
void read_json_field(const nlohmann::json& object, std::string_view key, T& out) {
  const auto it = object.find(key);
  if (it != object.end()) {
    detail::read_json(*it, out);
  } else if constexpr (is_optional<T>) {
    out.reset();
  } else {
    object.at(key).get_to(out);  // throws
  }
}

}  // namespace soong

namespace nlohmann {

template <>
struct adl_serializer<soong::uuid> {
  static void to_json(json& j, const soong::uuid& v) { j = v.to_string(); }
  static void from_json(const json& j, soong::uuid& v) {
    v = soong::uuid::parse(j.get<std::string>());
  }
};
template <>
struct adl_serializer<soong::numeric> {
  static void to_json(json& j, const soong::numeric& v) { j = soong::detail::numeric_json(v); }
  static void from_json(const json& j, soong::numeric& v) {
    v = j.is_number() ? soong::numeric(j.dump()) : soong::numeric(j.get<std::string>());
  }
};
template <>
struct adl_serializer<soong::date> {
  static void to_json(json& j, soong::date v) { j = soong::to_iso8601(v); }
  static void from_json(const json& j, soong::date& v) {
    v = soong::parse_date(j.get<std::string>());
  }
};
template <>
struct adl_serializer<soong::time_of_day> {
  static void to_json(json& j, soong::time_of_day v) { j = soong::to_iso8601(v); }
  static void from_json(const json& j, soong::time_of_day& v) {
    v = soong::parse_time_of_day(j.get<std::string>());
  }
};
template <>
struct adl_serializer<soong::local_timestamp> {
  static void to_json(json& j, soong::local_timestamp v) { j = soong::to_iso8601(v); }
  static void from_json(const json& j, soong::local_timestamp& v) {
    v = soong::parse_local_timestamp(j.get<std::string>());
  }
};
template <>
struct adl_serializer<soong::timestamptz> {
  static void to_json(json& j, soong::timestamptz v) { j = soong::to_iso8601(v); }
  static void from_json(const json& j, soong::timestamptz& v) {
    v = soong::parse_timestamptz(j.get<std::string>());
  }
};
template <>
struct adl_serializer<soong::interval> {
  static void to_json(json& j, const soong::interval& v) { j = soong::to_postgres_text(v); }
  static void from_json(const json& j, soong::interval& v) {
    if (j.is_string()) {
      v = soong::parse_interval(j.get_ref<const std::string&>());
      return;
    }
    v.months = j.at("months").get<std::int32_t>();
    v.days = j.at("days").get<std::int32_t>();
    v.time = std::chrono::microseconds(j.at("microseconds").get<std::int64_t>());
  }
};
template <>
struct adl_serializer<soong::bytea> {
  static void to_json(json& j, const soong::bytea& v) { j = soong::to_bytea_hex(v); }
  static void from_json(const json& j, soong::bytea& v) {
    v = soong::parse_bytea(j.get_ref<const std::string&>());
  }
};

// std::optional as null-or-value. nlohmann 3.11.2 (Debian 12) has no support of its own; 3.12
// adds free to_json/from_json functions, which this specialisation takes precedence over
// without conflict (adl_serializer's primary template is what would call them). Define
// SOONG_NO_OPTIONAL_JSON_SERIALIZER if your program specialises it itself.
#ifndef SOONG_NO_OPTIONAL_JSON_SERIALIZER
template <class T>
struct adl_serializer<std::optional<T>> {
  // Through assign_json / read_json, so that a NaN float is "NaN" here too (a single-column
  // query's rows are std::optional values, not structs).
  static void to_json(json& j, const std::optional<T>& v) { soong::detail::assign_json(j, v); }
  static void from_json(const json& j, std::optional<T>& v) { soong::detail::read_json(j, v); }
};
#endif

// Generated structs (rows, tables, composites): an object keyed by SQL names. Assigned in
// field order, so of two columns with the same name the last one's value stays.
template <soong::has_struct_fields Struct>
struct adl_serializer<Struct> {
  static void to_json(json& j, const Struct& value) {
    j = json::object();
    soong::for_each_field<Struct>([&](const auto& field) {
      // assign_json unwraps optionals before assigning (assigning std::optional<json> to a
      // json is ambiguous for Clang) and writes floats as the server does.
      soong::detail::assign_json(j[std::string(field.name)], value.*field.member);
    });
  }
  static void from_json(const json& j, Struct& value) {
    soong::for_each_field<Struct>(
        [&](const auto& field) { soong::read_json_field(j, field.name, value.*field.member); });
  }
};

template <soong::pg_enum Enum>
struct adl_serializer<Enum> {
  static void to_json(json& j, Enum v) { j = std::string(soong::enum_label(v)); }
  static void from_json(const json& j, Enum& v) {
    if (!soong::enum_from_label(j.get<std::string>(), v)) {
      throw std::invalid_argument("unknown enum label " + j.dump());
    }
  }
};

}  // namespace nlohmann
