// soong::json_writer: the renderings that are too long to inline (strings with escaping and
// UTF-8 validation, doubles, date/time, uuid, interval, bytea, nlohmann::json values).

#include "soong/json_writer.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "json_text.hpp"
#include "soong/error.hpp"

namespace soong {

namespace {

enum class byte_class : unsigned char { plain, escape, multibyte };

// What the string writer does with each byte: copy it, escape it, or validate the UTF-8
// sequence it starts.
constexpr std::array<byte_class, 256> byte_classes = [] {
  std::array<byte_class, 256> table{};
  for (int c = 0; c < 256; ++c) {
    if (c < 0x20 || c == '"' || c == '\\') {
      table[c] = byte_class::escape;
    } else if (c >= 0x80) {
      table[c] = byte_class::multibyte;
    }
  }
  return table;
}();

// The length of the well-formed UTF-8 sequence at `p` (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when it is not one. nlohmann's dump() rejects the
// same sequences.
std::size_t utf8_sequence_length(const unsigned char* p, std::size_t available) noexcept {
  const unsigned char lead = p[0];
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the valid range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (available < length || p[1] < low || p[1] > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (p[k] < 0x80 || p[k] > 0xBF) return 0;
  }
  return length;
}

// nlohmann's escapes: the short forms where JSON has one, \u00xx (lower-case hex) otherwise.
void append_escape(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out.append("\\\"", 2); return;
    case '\\': out.append("\\\\", 2); return;
    case '\b': out.append("\\b", 2); return;
    case '\f': out.append("\\f", 2); return;
    case '\n': out.append("\\n", 2); return;
    case '\r': out.append("\\r", 2); return;
    case '\t': out.append("\\t", 2); return;
    default: {
      static constexpr char hex[] = "0123456789abcdef";
      const char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
      out.append(escape, sizeof escape);
    }
  }
}

}  // namespace

void json_writer::value(std::string_view v) {
  std::string& out = *out_;
  out.reserve(out.size() + v.size() + 2);
  out.push_back('"');
  const auto* bytes = reinterpret_cast<const unsigned char*>(v.data());
  std::size_t copied = 0;  // bytes before this are in `out`
  std::size_t i = 0;
  while (i < v.size()) {
    switch (byte_classes[bytes[i]]) {
      case byte_class::plain:
        ++i;
        break;
      case byte_class::multibyte:
        if (const std::size_t length = utf8_sequence_length(bytes + i, v.size() - i)) {
          i += length;
          break;
        }
        throw error("cannot write JSON: invalid UTF-8 at byte " + std::to_string(i) +
                    " of a string");
      case byte_class::escape:
        out.append(v.data() + copied, i - copied);
        append_escape(out, bytes[i]);
        copied = ++i;
        break;
    }
  }
  out.append(v.data() + copied, v.size() - copied);
  out.push_back('"');
}

void json_writer::value(double v) {
  if (!std::isfinite(v)) {
    null();  // JSON has no NaN or Infinity; nlohmann dumps them as null too
    return;
  }
  char buffer[32];  // the shortest round-trip form of a double takes at most 24
  char* end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  // Like nlohmann, keep a whole double a float when read back: 2.0, not 2.
  if (std::find_if(buffer, end, [](char c) { return c == '.' || c == 'e'; }) == end) {
    *end++ = '.';
    *end++ = '0';
  }
  out_->append(buffer, end);
}

void json_writer::value(const uuid& v) {
  static constexpr char hex[] = "0123456789abcdef";
  char text[38];
  char* p = text;
  *p++ = '"';
  for (std::size_t i = 0; i < v.bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) *p++ = '-';
    const auto b = static_cast<unsigned>(v.bytes[i]);
    *p++ = hex[b >> 4];
    *p++ = hex[b & 0xF];
  }
  *p++ = '"';
  out_->append(text, p);
}

namespace {
template <class T>
void append_iso8601(std::string& out, T value) {
  char text[detail::iso8601_max_size + 2];
  text[0] = '"';
  char* end = detail::write_iso8601(text + 1, value);
  *end++ = '"';
  out.append(text, end);
}
}  // namespace

void json_writer::value(date v) { append_iso8601(*out_, v); }
void json_writer::value(time_of_day v) { append_iso8601(*out_, v); }
void json_writer::value(local_timestamp v) { append_iso8601(*out_, v); }
void json_writer::value(timestamptz v) { append_iso8601(*out_, v); }

void json_writer::value(const interval& v) {
  // Keys in nlohmann's (sorted) order, so the text matches its dump() too.
  out_->append("{\"days\":", 8);
  value(v.days);
  out_->append(",\"microseconds\":", 16);
  value(v.time.count());
  out_->append(",\"months\":", 10);
  value(v.months);
  out_->push_back('}');
}

void json_writer::value(const bytea& v) {
  out_->push_back('"');
  detail::append_base64(*out_, v);
  out_->push_back('"');
}

void json_writer::write_nlohmann(const nlohmann::json& v) {
  using json = nlohmann::json;
  switch (v.type()) {
    case json::value_t::null:
      null();
      return;
    case json::value_t::boolean:
      value(v.get<bool>());
      return;
    case json::value_t::number_integer:
      value(v.get<json::number_integer_t>());
      return;
    case json::value_t::number_unsigned:
      value(v.get<json::number_unsigned_t>());
      return;
    case json::value_t::number_float:
      value(v.get<json::number_float_t>());
      return;
    case json::value_t::string:
      value(v.get_ref<const json::string_t&>());
      return;
    case json::value_t::array: {
      out_->push_back('[');
      bool first = true;
      for (const json& element : v.get_ref<const json::array_t&>()) {
        if (!first) out_->push_back(',');
        first = false;
        write_nlohmann(element);
      }
      out_->push_back(']');
      return;
    }
    case json::value_t::object: {
      out_->push_back('{');
      bool first = true;
      for (const auto& [key, member_value] : v.get_ref<const json::object_t&>()) {
        if (!first) out_->push_back(',');
        first = false;
        value(key);
        out_->push_back(':');
        write_nlohmann(member_value);
      }
      out_->push_back('}');
      return;
    }
    case json::value_t::binary:     // never produced by the json/jsonb codec
    case json::value_t::discarded:  // only inside a parser callback
      out_->append(v.dump());
      return;
  }
}

}  // namespace soong
