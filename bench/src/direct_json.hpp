#pragma once
// A direct JSON writer for W4's rows: appends compact JSON text straight into one string, no
// nlohmann::json tree. The hand-written clients (libpq, libpqxx) use it; the soong client uses
// the generated write_json (soong::to_json_string), which writes the same text for these rows
// (keys in SQL column order, like PostgreSQL's row_to_json).

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace soong::bench {

/// Appends `text` as a JSON string literal (RFC 8259 escaping).
inline void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      out.append("\\u00");
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 0xF]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

/// Appends an integer in decimal.
inline void append_json_integer(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, end);
}

/// W4 rows (any struct with id, handle, message, likes, is_public) as one JSON array.
template <class Row>
[[nodiscard]] std::string write_posts_json(const std::vector<Row>& rows) {
  std::string out;
  out.reserve(rows.size() * 96 + 2);
  out.push_back('[');
  for (const Row& row : rows) {
    if (out.size() > 1) out.push_back(',');
    out.append("{\"id\":");
    append_json_integer(out, row.id);
    out.append(",\"handle\":");
    append_json_string(out, row.handle);
    out.append(",\"message\":");
    append_json_string(out, row.message);
    out.append(",\"likes\":");
    append_json_integer(out, row.likes);
    out.append(row.is_public ? ",\"is_public\":true}" : ",\"is_public\":false}");
  }
  out.push_back(']');
  return out;
}

}  // namespace soong::bench
