#pragma once
// Values of generated query functions over the RDS Data API.
//
// Parameters travel as the service's Field values: booleans as booleanValue, integers as
// longValue, finite floats as doubleValue, bytea as blobValue, and everything else (NaN and
// infinities included) as PostgreSQL's text form in stringValue. The generated SQL casts each
// placeholder to its exact PostgreSQL type (`CAST(:id AS "pg_catalog"."uuid")`), so nothing is
// guessed from the value and the service's type inference never applies.
//
// Result columns come back as PostgreSQL's binary form: the generated SQL wraps each column in
// its type's send function (`timestamptz_send(c1)`), the service answers it as a bytea
// (blobValue), and the libpq runtime's binary codecs decode it. Every type soong maps therefore
// reads back exactly as over libpq: microseconds, time zones, NaN and infinities, arrays holding
// NULL, enums and composites.

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "soong/array_param.hpp"
#include "soong/chrono_types.hpp"
#include "soong/codec.hpp"
#include "soong/codec_text.hpp"
#include "soong/enum_traits.hpp"
#include "soong/error.hpp"
#include "soong/json.hpp"
#include "soong/numeric.hpp"
#include "soong/struct_fields.hpp"
#include "soong/uuid.hpp"

namespace soong::data_api {

namespace detail {

template <class T>
inline constexpr bool is_vector = false;
template <class T>
inline constexpr bool is_vector<std::vector<T>> = true;

template <class T>
inline constexpr bool is_bytes =
    std::same_as<T, bytea> || std::same_as<T, std::span<const std::byte>>;

/// The text of a float as PostgreSQL reads it back exactly: NaN and the infinities by name.
[[nodiscard]] std::string float_text(double value);
/// `value` as an element of an array literal: double-quoted, `"` and `\` escaped.
void append_quoted(std::string& out, std::string_view value);

}  // namespace detail

// Arrays and composites hold values of any kind, composites and arrays included.
template <class T>
[[nodiscard]] std::string pg_text(const std::vector<T>& values);
template <class T>
[[nodiscard]] std::string pg_text(const array_param<T>& values);
template <has_struct_fields Struct>
[[nodiscard]] std::string pg_text(const Struct& value);

/// PostgreSQL's text form of a value, as `CAST(... AS <type>)` reads it.
[[nodiscard]] inline std::string pg_text(std::string_view v) { return std::string(v); }
[[nodiscard]] inline std::string pg_text(const std::string& v) { return v; }
[[nodiscard]] inline std::string pg_text(const char* v) { return v; }
[[nodiscard]] inline std::string pg_text(bool v) { return v ? "true" : "false"; }
template <std::integral Int>
requires(!std::same_as<Int, bool>) [[nodiscard]] std::string pg_text(Int v) {
  return std::to_string(v);
}
[[nodiscard]] inline std::string pg_text(double v) { return detail::float_text(v); }
[[nodiscard]] inline std::string pg_text(float v) { return detail::float_text(v); }
[[nodiscard]] inline std::string pg_text(const numeric& v) { return v.str(); }
[[nodiscard]] inline std::string pg_text(const uuid& v) { return v.to_string(); }
[[nodiscard]] inline std::string pg_text(date v) { return to_iso8601(v); }
[[nodiscard]] inline std::string pg_text(time_of_day v) { return to_iso8601(v); }
[[nodiscard]] inline std::string pg_text(local_timestamp v) { return to_iso8601(v); }
[[nodiscard]] inline std::string pg_text(timestamptz v) { return to_iso8601(v); }
[[nodiscard]] std::string pg_text(const interval& v);
[[nodiscard]] std::string pg_text(std::span<const std::byte> v);  ///< `\x` hex
[[nodiscard]] inline std::string pg_text(const bytea& v) {
  return pg_text(std::span<const std::byte>(v));
}
[[nodiscard]] inline std::string pg_text(const nlohmann::json& v) { return v.dump(); }
template <pg_enum Enum>
[[nodiscard]] std::string pg_text(Enum v) {
  return std::string(enum_label(v));
}
/// A one-dimensional array literal: `{"1",NULL,"3"}`.
template <class T>
std::string pg_text(const std::vector<T>& values) {
  static_assert(!detail::is_vector<unwrap_optional_t<T>> || detail::is_bytes<unwrap_optional_t<T>>,
                "soong: the Data API form sends one-dimensional arrays only");
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    if constexpr (is_optional<T>) {
      if (!values[i]) {
        out += "NULL";
        continue;
      }
      detail::append_quoted(out, pg_text(*values[i]));
    } else {
      detail::append_quoted(out, pg_text(values[i]));
    }
  }
  out += '}';
  return out;
}

/// An array parameter's elements as an array literal.
template <class T>
std::string pg_text(const array_param<T>& values) {
  return pg_text(values.elements());
}

/// A composite literal: `("1 Main St",,"42")`, a NULL field written as nothing.
template <has_struct_fields Struct>
std::string pg_text(const Struct& value) {
  std::string out = "(";
  bool first = true;
  for_each_field<Struct>([&](const auto& field) {
    if (!first) out += ',';
    first = false;
    const auto& member = value.*(field.member);
    if constexpr (is_optional<std::remove_cvref_t<decltype(member)>>) {
      if (member) detail::append_quoted(out, pg_text(*member));
    } else {
      detail::append_quoted(out, pg_text(member));
    }
  });
  out += ')';
  return out;
}

/// The service's Field value of a parameter.
template <class T>
[[nodiscard]] nlohmann::json field_of(const T& v) {
  if constexpr (is_optional<T>) {
    return v ? field_of(*v) : nlohmann::json{{"isNull", true}};
  } else if constexpr (std::same_as<T, bool>) {
    return {{"booleanValue", v}};
  } else if constexpr (std::integral<T>) {
    return {{"longValue", static_cast<std::int64_t>(v)}};
  } else if constexpr (std::floating_point<T>) {
    if (std::isfinite(v)) return {{"doubleValue", static_cast<double>(v)}};
    return {{"stringValue", pg_text(v)}};
  } else if constexpr (detail::is_bytes<T>) {
    return {{"blobValue", to_base64(std::span<const std::byte>(v))}};
  } else {
    return {{"stringValue", pg_text(v)}};
  }
}

/// One entry of ExecuteStatement's `parameters`.
template <class T>
[[nodiscard]] nlohmann::json parameter(std::string_view name, const T& v) {
  return {{"name", std::string(name)}, {"value", field_of(v)}};
}

namespace detail {
[[noreturn]] void throw_field_error(std::string_view query_name, std::size_t column,
                                    std::string_view problem);
[[nodiscard]] const nlohmann::json& field_at(const nlohmann::json& record, std::size_t column,
                                             std::string_view query_name);
}  // namespace detail

/// Column `column` of a `records` entry, sent by the service as the blobValue of the column's
/// binary form (see the top of this file). `oid` is the column's type as typed at build time.
template <class T>
[[nodiscard]] T column_value(const nlohmann::json& record, std::size_t column, oid_t oid,
                             std::string_view query_name) {
  const nlohmann::json& field = detail::field_at(record, column, query_name);
  if (const auto null = field.find("isNull");
      null != field.end() && null->is_boolean() && null->get<bool>()) {
    if constexpr (is_optional<T>) {
      return std::nullopt;
    } else {
      throw unexpected_null(std::string(query_name), "column " + std::to_string(column + 1), 0);
    }
  }
  const auto blob = field.find("blobValue");
  if (blob == field.end() || !blob->is_string()) {
    detail::throw_field_error(query_name, column,
                              "the column is not the blobValue soong asked for");
  }
  // The bytes must outlive the decode: string_view columns would point into them.
  static_assert(!std::same_as<unwrap_optional_t<T>, std::string_view>,
                "soong: Data API rows own their text (std::string)");
  const bytea bytes = from_base64(blob->get<std::string>());
  const decode_context ctx{oid, nullptr, 0, static_cast<int>(column)};
  return codec<unwrap_optional_t<T>>::decode(reinterpret_cast<const char*>(bytes.data()),
                                             static_cast<int>(bytes.size()), ctx);
}

/// Column `column` of a `records` entry sent as stringValue (the json of the `_json` functions).
[[nodiscard]] std::string text_value(const nlohmann::json& record, std::size_t column,
                                     std::string_view query_name);

/// The `records` of an ExecuteStatement answer (empty when there are none).
[[nodiscard]] const nlohmann::json& records_of(const nlohmann::json& answer);
/// `numberOfRecordsUpdated` of an ExecuteStatement answer.
[[nodiscard]] std::int64_t records_updated(const nlohmann::json& answer);

}  // namespace soong::data_api
