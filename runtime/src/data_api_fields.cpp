#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>

#include "soong/data_api/fields.hpp"

namespace soong::data_api {
namespace detail {

std::string float_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  std::array<char, 32> buffer{};
  const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value).ptr;
  return std::string(buffer.data(), end);
}

void append_quoted(std::string& out, std::string_view value) {
  out += '"';
  for (const char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

void throw_field_error(std::string_view query_name, std::size_t column, std::string_view problem) {
  throw error(
      fmt::format("{}: column {} of the Data API answer: {}", query_name, column + 1, problem));
}

const nlohmann::json& field_at(const nlohmann::json& record, std::size_t column,
                               std::string_view query_name) {
  if (!record.is_array() || column >= record.size()) {
    throw_field_error(query_name, column, "the record has no such column");
  }
  const nlohmann::json& field = record[column];
  if (!field.is_object()) throw_field_error(query_name, column, "the field is not an object");
  return field;
}

}  // namespace detail

std::string pg_text(const interval& v) {
  // PostgreSQL's interval input takes each unit on its own, so no field can overflow another.
  return fmt::format("{} months {} days {} microseconds", v.months, v.days, v.time.count());
}

std::string pg_text(std::span<const std::byte> v) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + 2 * v.size());
  for (const std::byte b : v) {
    const auto n = static_cast<unsigned>(b);
    out += hex[n >> 4];
    out += hex[n & 0xF];
  }
  return out;
}

std::string text_value(const nlohmann::json& record, std::size_t column,
                       std::string_view query_name) {
  const nlohmann::json& field = detail::field_at(record, column, query_name);
  const auto text = field.find("stringValue");
  if (text == field.end() || !text->is_string()) {
    detail::throw_field_error(query_name, column, "the column is not a stringValue");
  }
  return text->get<std::string>();
}

const nlohmann::json& records_of(const nlohmann::json& answer) {
  static const nlohmann::json none = nlohmann::json::array();
  const auto it = answer.find("records");
  return it != answer.end() && it->is_array() ? *it : none;
}

std::int64_t records_updated(const nlohmann::json& answer) {
  const auto it = answer.find("numberOfRecordsUpdated");
  return it != answer.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

}  // namespace soong::data_api
