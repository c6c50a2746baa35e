#pragma once
// nlohmann::json serialisation of soong's value types, so generated structs can be turned into
// JSON (and back):
//   uuid            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
//   numeric         "12.50" (a string: JSON numbers are doubles in most readers)
//   date            "2024-02-29"            (infinity: "infinity" / "-infinity")
//   time_of_day     "13:45:00.25"
//   local_timestamp "2024-02-29T13:45:00.25"   timestamptz "2024-02-29T13:45:00.25Z"
//   interval        {"months": 14, "days": 3, "microseconds": 5000000}
//   bytea           base64 (RFC 4648, padded) string
//   generated enums their PostgreSQL label
//   std::optional   null when empty (SQL NULL); a missing key reads as empty too
//   generated structs  an object keyed by SQL names, from their soong::struct_fields
// soong::json_writer (soong/json_writer.hpp) writes the same renderings without a json tree.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "soong/chrono_text.hpp"
#include "soong/chrono_types.hpp"
#include "soong/codec_text.hpp"
#include "soong/enum_traits.hpp"
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

/// Reads `object[key]` into `out`; a missing key reads as null, so only a std::optional
/// accepts it (otherwise nlohmann's out_of_range names the key). The from_json of generated
/// structs uses it for each field.
template <class T>
void read_json_field(const nlohmann::json& object, std::string_view key, T& out) {
  const auto it = object.find(key);
  if (it != object.end()) {
    it->get_to(out);
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
  static void to_json(json& j, const soong::numeric& v) { j = v.str(); }
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
  static void to_json(json& j, const soong::interval& v) {
    j = json{{"months", v.months}, {"days", v.days}, {"microseconds", v.time.count()}};
  }
  static void from_json(const json& j, soong::interval& v) {
    v.months = j.at("months").get<std::int32_t>();
    v.days = j.at("days").get<std::int32_t>();
    v.time = std::chrono::microseconds(j.at("microseconds").get<std::int64_t>());
  }
};
template <>
struct adl_serializer<soong::bytea> {
  static void to_json(json& j, const soong::bytea& v) { j = soong::to_base64(v); }
  static void from_json(const json& j, soong::bytea& v) {
    v = soong::from_base64(j.get<std::string>());
  }
};

// std::optional as null-or-value. nlohmann 3.11.2 (Debian 12) has no support of its own; 3.12
// adds free to_json/from_json functions, which this specialisation takes precedence over
// without conflict (adl_serializer's primary template is what would call them). Define
// SOONG_NO_OPTIONAL_JSON_SERIALIZER if your program specialises it itself.
#ifndef SOONG_NO_OPTIONAL_JSON_SERIALIZER
template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& v) {
    if (v) {
      j = *v;
    } else {
      j = nullptr;
    }
  }
  static void from_json(const json& j, std::optional<T>& v) {
    if (j.is_null()) {
      v.reset();
    } else {
      v = j.get<T>();
    }
  }
};
#endif

// Generated structs (rows, tables, composites): an object keyed by SQL names. Assigned in
// field order, so of two columns with the same name the last one's value stays.
template <soong::has_struct_fields Struct>
struct adl_serializer<Struct> {
  static void to_json(json& j, const Struct& value) {
    j = json::object();
    soong::for_each_field<Struct>([&](const auto& field) {
      const auto& member = value.*field.member;
      json& slot = j[std::string(field.name)];
      // An optional is unwrapped here: assigning std::optional<json> to a json is ambiguous for
      // Clang (json's converting constructor against its own assignment).
      if constexpr (soong::is_optional<std::remove_cvref_t<decltype(member)>>) {
        if (member) {
          slot = *member;
        } else {
          slot = nullptr;
        }
      } else {
        slot = member;
      }
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
