#pragma once
// soong::json_writer: appends compact JSON text straight into one std::string, with no
// nlohmann::json tree in between. The generator emits `write_json(json_writer&, const Row&)`
// for every struct (rows, tables, composites) beside its nlohmann to_json; both render the same
// JSON (soong/json.hpp documents the value formats), so
//   nlohmann::json::parse(soong::to_json_string(rows)) == nlohmann::json(rows)
// holds for every type. Keys come in SQL column order, like PostgreSQL's row_to_json
// (nlohmann's default object sorts them); NaN and ±Infinity doubles are written as null, as
// nlohmann dumps them.
//
//   std::string body = soong::to_json_string(db::list_posts(conn));   // [{"id":1,...},...]

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soong/chrono_types.hpp"
#include "soong/codec_text.hpp"
#include "soong/enum_traits.hpp"
#include "soong/numeric.hpp"
#include "soong/uuid.hpp"

namespace soong {

class json_writer;

/// A struct with a `write_json(soong::json_writer&, const T&)` found by ADL (the generator
/// emits one for every row struct, table struct and composite).
template <class T>
concept json_writable = requires(json_writer& w, const T& value) { write_json(w, value); };

/// Builds compact JSON text into a string. Containers separate their members and elements
/// themselves; a value written with member() or element() gets its comma, one written with
/// value() does not (use it for the document's single top-level value).
class json_writer {
 public:
  /// Writes into a string of its own (hand it over with take()).
  json_writer() noexcept = default;
  /// Appends to `out`, which must outlive the writer.
  explicit json_writer(std::string& out) noexcept : out_(&out) {}
  json_writer(const json_writer&) = delete;
  json_writer& operator=(const json_writer&) = delete;

  /// The text written so far.
  [[nodiscard]] const std::string& text() const noexcept { return *out_; }
  /// Moves the text out (the writer is then empty).
  [[nodiscard]] std::string take() noexcept { return std::move(*out_); }
  void reserve(std::size_t bytes) { out_->reserve(out_->size() + bytes); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  /// `"key":value` inside an object. The key is written as given: it must not need JSON
  /// escaping (generated code passes keys escaped at generation time).
  template <class T>
  void member(std::string_view key, const T& v) {
    if (need_comma_) out_->push_back(',');
    out_->push_back('"');
    out_->append(key);
    out_->append("\":", 2);
    value(v);
    need_comma_ = true;
  }
  /// One element inside an array.
  template <class T>
  void element(const T& v) {
    if (need_comma_) out_->push_back(',');
    value(v);
    need_comma_ = true;
  }

  void null() { out_->append("null", 4); }
  void value(std::nullptr_t) { null(); }
  void value(bool v) { v ? out_->append("true", 4) : out_->append("false", 5); }
  template <std::integral Int>
    requires(!std::same_as<Int, bool>)
  void value(Int v) {
    char buffer[24];
    out_->append(buffer, std::to_chars(buffer, buffer + sizeof buffer, v).ptr);
  }
  /// float is written as the double it converts to, as nlohmann stores it.
  void value(float v) { value(static_cast<double>(v)); }
  void value(double v);
  /// A JSON string, escaped as nlohmann escapes (throws soong::error on invalid UTF-8, which
  /// nlohmann's dump() refuses too).
  void value(std::string_view v);
  void value(const std::string& v) { value(std::string_view(v)); }
  void value(const char* v) { value(std::string_view(v)); }
  void value(const numeric& v) { raw_string(v.str()); }
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

 private:
  void open(char c) {
    out_->push_back(c);
    need_comma_ = false;
  }
  void close(char c) {
    out_->push_back(c);
    need_comma_ = true;
  }
  /// A string known to need no escaping (numeric text, ISO 8601, base64).
  void raw_string(std::string_view v) {
    out_->push_back('"');
    out_->append(v);
    out_->push_back('"');
  }
  void write_nlohmann(const nlohmann::json& v);

  std::string own_;
  std::string* out_ = &own_;
  bool need_comma_ = false;
};

/// `value` (a row, an optional row, a vector of rows, or any value json_writer takes) as
/// compact JSON text.
template <class T>
[[nodiscard]] std::string to_json_string(const T& value) {
  json_writer w;
  if constexpr (requires { value.size(); typename T::value_type; }) {
    w.reserve(value.size() * 64 + 2);  // a guess that saves the first few reallocations
  }
  w.value(value);
  return w.take();
}

}  // namespace soong
