#pragma once
// soong::json_writer: appends compact JSON text straight into one std::string, with no
// nlohmann::json tree in between. The text is byte for byte what PostgreSQL's row_to_json /
// array_to_json write for the same row in a UTC session (a query's _json twin, since soong
// sessions run in UTC): keys in SQL column order, timestamptz with +00:00, numeric digits as
// they are, "NaN"/"Infinity" floats, bytea as "\\x..", intervals as the server prints them
// (soong/json.hpp lists the renderings). json/jsonb columns are the exception: the server
// embeds their stored text, the writer nlohmann's compact dump, equal once parsed.
// Generated structs (rows, tables, composites) are written from their soong::struct_fields
// list, as soong/json.hpp's nlohmann serializer reads the same list, so
//   nlohmann::json::parse(soong::to_json_string(rows)) == nlohmann::json(rows)
// holds for every type.
//
//   std::string body = soong::to_json_string(db::list_posts(conn));   // [{"id":1,...},...]

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "soong/chrono_types.hpp"
#include "soong/codec_text.hpp"
#include "soong/enum_traits.hpp"
#include "soong/numeric.hpp"
#include "soong/struct_fields.hpp"
#include "soong/uuid.hpp"

namespace soong {

class json_writer;

/// A type of your own with a `write_json(soong::json_writer&, const T&)` found by ADL
/// (generated structs need none: the writer reads their soong::struct_fields).
template <class T>
concept json_writable = requires(json_writer& w, const T& value) {
  write_json(w, value);
};

/// Builds compact JSON text into a string. Containers separate their members and elements
/// themselves; a value written with member() or element() gets its comma, one written with
/// value() does not (use it for the document's single top-level value).
///
/// For speed the writer stores through a cursor into the string's buffer, which it grows
/// ahead of the text: the string has its exact contents only after text(), take() or the
/// writer's destruction, and must not be touched by anyone else while the writer lives.
class json_writer {
 public:
  /// Writes into a string of its own (hand it over with take()).
  json_writer() noexcept { bind(); }
  /// Appends to `out`; `out` has the text (and nothing more) once the writer is gone.
  explicit json_writer(std::string& out) noexcept : out_(&out) { bind(); }
  json_writer(const json_writer&) = delete;
  json_writer& operator=(const json_writer&) = delete;
  ~json_writer() { settle(); }

  /// The text written so far.
  [[nodiscard]] const std::string& text() {
    settle();
    return *out_;
  }
  /// Moves the text out (the writer then starts over with an empty string).
  [[nodiscard]] std::string take() {
    settle();
    std::string text = std::move(*out_);
    out_->clear();
    bind();
    return text;
  }
  /// Makes room for `bytes` more bytes of text ahead of time.
  void reserve(std::size_t bytes) { room(bytes); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  /// `"name":value` inside an object. The name is written as given: it must not need JSON
  /// escaping (generated structs' keys are escaped, when they need it, by field_member).
  template <class T>
  void member(std::string_view name, const T& v) {
    key(name);
    value(v);
    need_comma_ = true;
  }
  /// One element inside an array.
  template <class T>
  void element(const T& v) {
    if (need_comma_) put(',');
    value(v);
    need_comma_ = true;
  }

  void null() { put("null"); }
  void value(std::nullptr_t) { null(); }
  void value(bool v) { put(v ? std::string_view("true") : std::string_view("false")); }
  template <std::integral Int>
  requires(!std::same_as<Int, bool>) void value(Int v) {
    constexpr std::size_t digits = 24;  // a sign and the 20 digits of a 64-bit integer fit
    char* p = room(digits);
    cursor_ = std::to_chars(p, p + digits, v).ptr;
  }
  /// Floats as the server writes them: shortest digits (a float's own, not its double's),
  /// `1e+16` style beyond 15 digits (float: 6), "NaN", "Infinity", "-Infinity" as strings.
  void value(float v);
  void value(double v);
  /// A JSON string, escaped as nlohmann escapes (throws soong::error on invalid UTF-8, which
  /// nlohmann's dump() refuses too).
  void value(std::string_view v);
  void value(const std::string& v) { value(std::string_view(v)); }
  void value(const char* v) { value(std::string_view(v)); }
  /// The digits as a JSON number (12.50 stays 12.50), "NaN" and "±Infinity" as strings.
  void value(const numeric& v);
  void value(const uuid& v);
  void value(date v);
  void value(time_of_day v);
  void value(local_timestamp v);
  void value(timestamptz v);
  void value(const interval& v);
  void value(const bytea& v);
  /// json/jsonb values, rendered as nlohmann's dump() renders them.
  template <std::same_as<nlohmann::json> Json>
  void value(const Json& v) {
    write_nlohmann(v);
  }
  template <pg_enum Enum>
  void value(Enum v) {
    value(enum_label(v));
  }
  template <class T>
  void value(const std::optional<T>& v) {
    if (v) {
      value(*v);
    } else {
      null();
    }
  }
  template <class T>
  void value(const std::vector<T>& values) {
    begin_array();
    for (const T& v : values) element(v);
    end_array();
  }
  template <json_writable T>
  void value(const T& v) {
    write_json(*this, v);
  }
  /// A generated struct: an object of its fields, keys in column order.
  template <has_struct_fields T>
  requires(!json_writable<T>) void value(const T& v) {
    begin_object();
    constexpr std::size_t count =
        std::tuple_size_v<std::remove_cvref_t<decltype(struct_fields<T>::fields)>>;
    [&]<std::size_t... I>(std::index_sequence<I...>) { (field_member<T, I>(v), ...); }
    (std::make_index_sequence<count>{});
    end_object();
  }

 private:
  /// Room for `bytes` more bytes at the cursor; returns the cursor.
  char* room(std::size_t bytes) {
    if (static_cast<std::size_t>(limit_ - cursor_) < bytes) grow(bytes);
    return cursor_;
  }
  void grow(std::size_t bytes);
  /// Points the cursor at the end of the string's current text.
  void bind() noexcept {
    cursor_ = out_->data() + out_->size();
    limit_ = cursor_;
  }
  /// Cuts the string back to the text written (growing left unwritten room behind it).
  void settle() noexcept {
    out_->resize(static_cast<std::size_t>(cursor_ - out_->data()));
    limit_ = cursor_;
  }
  void put(char c) {
    room(1);
    *cursor_++ = c;
  }
  void put(std::string_view text) {
    std::memcpy(room(text.size()), text.data(), text.size());
    cursor_ += text.size();
  }
  void open(char c) {
    put(c);
    need_comma_ = false;
  }
  void close(char c) {
    put(c);
    need_comma_ = true;
  }
  /// The comma if needed, then `"name":` (inline: field names are constants, so the copy has
  /// a constant length).
  void key(std::string_view name) {
    char* p = room(name.size() + 4);
    if (need_comma_) *p++ = ',';
    *p++ = '"';
    std::memcpy(p, name.data(), name.size());
    p += name.size();
    *p++ = '"';
    *p++ = ':';
    cursor_ = p;
  }
  /// Field `I` of generated struct `T` as a member; whether its key needs JSON escaping is
  /// decided at compile time, so plain keys (nearly all) are copied as they are.
  template <class T, std::size_t I>
  void field_member(const T& v) {
    constexpr auto field = std::get<I>(struct_fields<T>::fields);
    if constexpr (is_plain_json_key(field.name)) {
      member(field.name, v.*field.member);
    } else {
      if (need_comma_) put(',');
      value(field.name);
      put(':');
      value(v.*field.member);
      need_comma_ = true;
    }
  }
  /// True when `name` is its own JSON string body (no quote, backslash or control byte).
  static constexpr bool is_plain_json_key(std::string_view name) noexcept {
    for (const char c : name) {
      if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return false;
    }
    return true;
  }
  /// A string known to need no escaping (numeric text).
  void raw_string(std::string_view v);
  template <class Float>
  void write_float(Float v);
  template <class T>
  void write_iso8601_string(T v);
  void write_nlohmann(const nlohmann::json& v);

  std::string own_;
  std::string* out_ = &own_;
  char* cursor_ = nullptr;  // where the next byte goes, inside *out_'s buffer
  char* limit_ = nullptr;   // end of *out_ (its size, grown ahead of the text)
  bool need_comma_ = false;
};

namespace detail {
template <class T>
inline constexpr bool is_std_vector = false;
template <class T, class Allocator>
inline constexpr bool is_std_vector<std::vector<T, Allocator>> = true;
}  // namespace detail

/// `value` (a row, an optional row, a vector of rows, or any value json_writer takes) as
/// compact JSON text.
template <class T>
[[nodiscard]] std::string to_json_string(const T& value) {
  json_writer w;
  if constexpr (detail::is_std_vector<T>) {
    w.reserve(value.size() * 64 + 2);  // a guess that saves the first few reallocations
  }
  w.value(value);
  return w.take();
}

}  // namespace soong
