// soong::json_writer: the renderings that are too long to inline (strings with escaping and
// UTF-8 validation, floats, numeric, date/time, uuid, interval, bytea, nlohmann::json values),
// each as PostgreSQL's to_json writes it in a UTC session.

#include "soong/json_writer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "json_text.hpp"
#include "soong/chrono_text.hpp"
#include "soong/error.hpp"
#include "soong/float_text.hpp"
#include "soong/json.hpp"

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

// Whether any of the eight bytes packed in `word` is not byte_class::plain (a control
// character, '"', '\\' or a byte of a multi-byte sequence). The bit tricks are the classic
// "has a zero byte" (v - 0x01..) & ~v & 0x80.. family, exact for the question "any byte?".
constexpr bool needs_attention(std::uint64_t word) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101, high_bits = 0x8080808080808080;
  const auto has_zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & high_bits; };
  const std::uint64_t below_space = (word - ones * 0x20) & ~word & high_bits;
  return (below_space | (word & high_bits) | has_zero_byte(word ^ (ones * '"')) |
          has_zero_byte(word ^ (ones * '\\'))) != 0;
}

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

// nlohmann's escapes: JSON's two-character forms (RFC 8259 section 7) where there is one,
// \u00xx (lower-case hex) otherwise. Writes at most 6 bytes at `out`; returns the end.
char* write_escape(char* out, unsigned char c) noexcept {
  constexpr std::string_view escaped = "\"\\\b\f\n\r\t", letters = "\"\\bfnrt";
  *out++ = '\\';
  if (const std::size_t k = escaped.find(static_cast<char>(c)); k != std::string_view::npos) {
    *out++ = letters[k];
    return out;
  }
  static constexpr char hex[] = "0123456789abcdef";
  *out++ = 'u';
  *out++ = '0';
  *out++ = '0';
  *out++ = hex[c >> 4];
  *out++ = hex[c & 0xF];
  return out;
}

}  // namespace

void json_writer::grow(std::size_t bytes) {
  const auto used = static_cast<std::size_t>(cursor_ - out_->data());
  // Doubling keeps appends amortised O(1); resize's zero fill of the new room is the price of
  // writing through a plain pointer in C++20 (no resize_and_overwrite before C++23).
  out_->resize(std::max({out_->size() * 2, used + bytes, std::size_t{256}}));
  cursor_ = out_->data() + used;
  limit_ = out_->data() + out_->size();
}

void json_writer::value(std::string_view v) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(v.data());
  const std::size_t size = v.size();
  room(size + 2);
  *cursor_++ = '"';
  std::size_t copied = 0;  // bytes before this are in the output
  std::size_t i = 0;
  const auto copy_pending = [&] {
    std::memcpy(cursor_, v.data() + copied, i - copied);
    cursor_ += i - copied;
  };
  while (i < size) {
    // Most text needs nothing done: skip it eight bytes at a time.
    std::uint64_t word;
    for (; i + 8 <= size; i += 8) {
      std::memcpy(&word, bytes + i, 8);
      if (needs_attention(word)) break;
    }
    // The last few bytes: one more word, ending at the string's end (overlapping what was
    // checked before; should that hold an escape already dealt with, go byte by byte).
    if (i < size && size - i < 8 && size >= 8) {
      std::memcpy(&word, bytes + size - 8, 8);
      if (!needs_attention(word)) i = size;
    }
    if (i >= size) break;
    switch (byte_classes[bytes[i]]) {
      case byte_class::plain:
        ++i;
        break;
      case byte_class::multibyte:
        if (const std::size_t length = utf8_sequence_length(bytes + i, size - i)) {
          i += length;
          break;
        }
        throw error("cannot write JSON: invalid UTF-8 at byte " + std::to_string(i) +
                    " of a string");
      case byte_class::escape:
        copy_pending();
        // The escape adds up to 5 bytes; keep room for the rest of the string and the quote.
        room(5 + (size - i) + 1);
        cursor_ = write_escape(cursor_, bytes[i]);
        copied = ++i;
        break;
    }
  }
  copy_pending();
  *cursor_++ = '"';
}

void json_writer::raw_string(std::string_view v) {
  char* p = room(v.size() + 2);
  *p++ = '"';
  std::memcpy(p, v.data(), v.size());
  p += v.size();
  *p++ = '"';
  cursor_ = p;
}

void json_writer::value(double v) { write_float(v); }
void json_writer::value(float v) { write_float(v); }

template <class Float>
void json_writer::write_float(Float v) {
  // As the server's to_json: a number, or "NaN", "Infinity", "-Infinity" as strings.
  const bool finite = std::isfinite(v);
  char* p = room(detail::postgres_float_max_size + 2);
  if (!finite) *p++ = '"';
  p = detail::write_postgres_float(p, v);
  if (!finite) *p++ = '"';
  cursor_ = p;
}

void json_writer::value(const numeric& v) {
  // As the server's to_json: the digits as a JSON number, NaN and infinities as strings.
  if (is_json_number(v.str())) {
    put(v.str());
  } else {
    raw_string(v.str());
  }
}

void json_writer::value(const uuid& v) {
  static constexpr char hex[] = "0123456789abcdef";
  char* p = room(38);
  *p++ = '"';
  for (std::size_t i = 0; i < v.bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) *p++ = '-';
    const auto b = static_cast<unsigned>(v.bytes[i]);
    *p++ = hex[b >> 4];
    *p++ = hex[b & 0xF];
  }
  *p++ = '"';
  cursor_ = p;
}

void json_writer::value(date v) { write_iso8601_string(v); }
void json_writer::value(time_of_day v) { write_iso8601_string(v); }
void json_writer::value(local_timestamp v) { write_iso8601_string(v); }
void json_writer::value(timestamptz v) { write_iso8601_string(v); }

template <class T>
void json_writer::write_iso8601_string(T v) {
  char* p = room(detail::iso8601_max_size + 2);
  *p++ = '"';
  p = detail::write_iso8601(p, v);
  *p++ = '"';
  cursor_ = p;
}

void json_writer::value(const interval& v) { raw_string(to_postgres_text(v)); }

void json_writer::value(const bytea& v) {
  // PostgreSQL's hex form, its backslash escaped for JSON: "\\x00ff".
  char* p = room(detail::bytea_hex_size(v.size()) + 3);
  *p++ = '"';
  *p++ = '\\';
  p = detail::write_bytea_hex(p, v);
  *p++ = '"';
  cursor_ = p;
}

void json_writer::write_nlohmann(const nlohmann::json& v) {
  // nlohmann's own dump(): its number rendering (1e14 as 100000000000000.0, 0.0001 as-is) is
  // not std::to_chars', and json/jsonb columns are rare enough that one temporary is fine.
  put(v.dump());
}

}  // namespace soong
