#pragma once
// Printing soong's values with fmt and std::ostream (opt-in: include this header and link
// soong::print, which brings fmt; generated headers do not include it, to stay quick to compile).
//
//   fmt::print("{}\n", row.book_type);   // the enum's PostgreSQL label: paperback
//   fmt::print("{}\n", row);             // users_row{uuid=..., handle="andrew", bio=null}
//   std::cout << row.created_at;         // 2026-06-01T08:00:00.123456+00:00
//
// Renderings (soong::to_text gives the same text as a string), each the text of a value in the
// JSON writers (soong/json_writer.hpp), which is PostgreSQL's to_json in a UTC session:
//   generated enums    their PostgreSQL label
//   uuid, numeric      as PostgreSQL prints them (lower-case uuid, the numeric's decimal text)
//   float, double      as PostgreSQL prints them: 0.1, 1e+16, NaN, Infinity, -Infinity
//   date, time, timestamp, timestamptz   2026-06-01, 08:00:00.5, 2026-06-01T08:00:00.5,
//                      2026-06-01T08:00:00.5+00:00, 0044-03-15 BC, infinity
//   interval           PostgreSQL's own output: 1 year 2 mons 3 days 04:05:06.5
//   bytea              PostgreSQL's hex form: \x00ff
//   json/jsonb         compact JSON
//   generated structs  one line from their soong::struct_fields: name{field=value, ...}, with
//                      strings quoted and escaped, NULL as null, arrays as [a, b]
//
// The ostream operators for the std::chrono types and generated types are in the global
// namespace (argument-dependent lookup cannot find them in namespace soong): in a namespace that
// declares an operator<< of its own, bring them in with `using ::operator<<;`. soong's own
// types (uuid, numeric, interval, time_of_day) have theirs in namespace soong.

#include <fmt/format.h>

#include <charconv>
#include <concepts>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "soong/chrono_text.hpp"
#include "soong/chrono_types.hpp"
#include "soong/enum_traits.hpp"
#include "soong/float_text.hpp"
#include "soong/numeric.hpp"
#include "soong/struct_fields.hpp"
#include "soong/uuid.hpp"

namespace soong {

namespace detail {

template <class T>
inline constexpr bool is_vector = false;
template <class T, class Allocator>
inline constexpr bool is_vector<std::vector<T, Allocator>> = true;

/// A struct_fields specialisation that names its struct (generated ones do).
template <class T>
concept named_struct_fields = requires {
  { struct_fields<T>::name } -> std::convertible_to<std::string_view>;
};

/// `text` quoted, with `"` and `\` escaped and control bytes as \n, \t or \xNN.
inline void append_quoted(std::string& out, std::string_view text) {
  out.push_back('"');
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

/// Appends the text of `v`; strings are quoted when `nested` (inside a struct or array).
template <class T>
void append_text(std::string& out, const T& v, bool nested) {
  if constexpr (std::is_same_v<T, bool>) {
    out += v ? "true" : "false";
  } else if constexpr (pg_enum<T>) {
    out += enum_label(v);
  } else if constexpr (std::is_integral_v<T>) {
    char buffer[24];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, v).ptr);
  } else if constexpr (std::is_same_v<T, double> || std::is_same_v<T, float>) {
    out += to_postgres_text(v);
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    if (nested) {
      append_quoted(out, v);
    } else {
      out += std::string_view(v);
    }
  } else if constexpr (std::is_same_v<T, uuid>) {
    out += v.to_string();
  } else if constexpr (std::is_same_v<T, numeric>) {
    out += v.str();
  } else if constexpr (std::is_same_v<T, interval>) {
    out += to_postgres_text(v);
  } else if constexpr (std::is_same_v<T, date> || std::is_same_v<T, time_of_day> ||
                       std::is_same_v<T, local_timestamp> || std::is_same_v<T, timestamptz>) {
    out += to_iso8601(v);
  } else if constexpr (std::is_same_v<T, std::vector<std::byte>>) {
    out += "\\x";
    for (const std::byte b : v) out += fmt::format("{:02x}", static_cast<unsigned>(b));
  } else if constexpr (is_vector<T>) {
    out.push_back('[');
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i != 0) out += ", ";
      append_text(out, v[i], true);
    }
    out.push_back(']');
  } else if constexpr (requires {
                         v.has_value();
                         *v;
                       }) {
    if (v.has_value()) {
      append_text(out, *v, nested);
    } else {
      out += "null";
    }
  } else if constexpr (has_struct_fields<T>) {
    if constexpr (named_struct_fields<T>) out += struct_fields<T>::name;
    out.push_back('{');
    bool first = true;
    for_each_field<T>([&](const auto& field) {
      if (!first) out += ", ";
      first = false;
      out += field.name;
      out.push_back('=');
      append_text(out, v.*field.member, true);
    });
    out.push_back('}');
  } else if constexpr (requires { v.dump(); }) {
    out += v.dump();  // nlohmann::json, without this header needing nlohmann
  } else {
    out += fmt::format("{}", v);
  }
}

}  // namespace detail

/// One-line text of any value soong maps (see the renderings above).
template <class T>
[[nodiscard]] std::string to_text(const T& value) {
  std::string out;
  detail::append_text(out, value, false);
  return out;
}

/// Values soong prints itself (the types fmt knows otherwise keep fmt's rendering).
template <class T>
concept printable_value =
    pg_enum<T> || has_struct_fields<T> || std::is_same_v<T, uuid> || std::is_same_v<T, numeric> ||
    std::is_same_v<T, interval> || std::is_same_v<T, date> || std::is_same_v<T, time_of_day> ||
    std::is_same_v<T, local_timestamp> || std::is_same_v<T, timestamptz>;

/// soong's own types, whose operator<< argument-dependent lookup finds here.
template <class T>
concept soong_value_type = std::is_same_v<T, uuid> || std::is_same_v<T, numeric> ||
    std::is_same_v<T, interval> || std::is_same_v<T, time_of_day>;

inline std::ostream& operator<<(std::ostream& os, const uuid& v) { return os << to_text(v); }
inline std::ostream& operator<<(std::ostream& os, const numeric& v) { return os << v.str(); }
inline std::ostream& operator<<(std::ostream& os, const interval& v) { return os << to_text(v); }
/// A template, so that a duration (which converts to time_of_day) never prints through it.
template <std::same_as<time_of_day> T>
std::ostream& operator<<(std::ostream& os, T v) {
  return os << to_text(v);
}

}  // namespace soong

/// Generated enums and structs, and the std::chrono types soong reads dates and timestamps as.
template <class T>
requires(soong::printable_value<T> && !soong::soong_value_type<T>) std::ostream& operator<<(
    std::ostream& os, const T& value) {
  return os << soong::to_text(value);
}

namespace soong::detail {
/// A fmt formatter through soong::to_text; format specs are those of strings (`{:>30}`).
template <class T>
struct text_formatter : fmt::formatter<std::string_view, char> {
  template <class FormatContext>
  auto format(const T& value, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::formatter<std::string_view, char>::format(soong::to_text(value), ctx);
  }
};
}  // namespace soong::detail

/// fmt formatting of the values above. The std::chrono types get full specialisations, which
/// take precedence over fmt/chrono.h's partial ones when both are included.
template <class T>
requires(soong::printable_value<T> && !std::is_same_v<T, soong::date> &&
         !std::is_same_v<T, soong::local_timestamp> &&
         !std::is_same_v<T, soong::timestamptz>) struct fmt::formatter<T, char>
    : soong::detail::text_formatter<T> {
};
template <>
struct fmt::formatter<soong::date, char> : soong::detail::text_formatter<soong::date> {};
template <>
struct fmt::formatter<soong::local_timestamp, char>
    : soong::detail::text_formatter<soong::local_timestamp> {};
template <>
struct fmt::formatter<soong::timestamptz, char>
    : soong::detail::text_formatter<soong::timestamptz> {};
