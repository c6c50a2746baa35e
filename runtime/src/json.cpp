// JSON: the json/jsonb codec bodies, ISO 8601 renderings of date/time types, and base64 for
// bytea (used by the nlohmann serializers in soong/json.hpp).

#include "soong/json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "json_text.hpp"
#include "soong/codec_json.hpp"
#include "soong/error.hpp"

namespace soong {

namespace detail {

void encode_json(const nlohmann::json& value, byte_buffer& out, const encode_context& ctx) {
  const std::string text = value.dump();
  // json's binary form is its text; jsonb's is a version byte then the text.
  if (ctx.target_oid != oids::json) out.append(&jsonb_version, 1);
  out.append(text.data(), text.size());
}

nlohmann::json decode_json(const char* p, int length, const decode_context& ctx) {
  const std::string_view text = text_of(p, length, ctx);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    // parse_error for malformed text, out_of_range for a number beyond double's range (jsonb
    // holds numeric, so the server can send 1e400).
    throw_decode_error(ctx, std::string("invalid JSON from server: ") + e.what());
  }
}

nlohmann::json float_json(double v) {
  if (std::isfinite(v)) return v;
  return to_postgres_text(v);
}

nlohmann::json float_json(float v) {
  std::string text = to_postgres_text(v);
  if (!std::isfinite(v)) return text;
  // The double nlohmann reads from the server's digits: for 0.1f, 0.1 and not the
  // 0.10000000149011612 a plain conversion gives.
  return nlohmann::json::parse(text);
}

double float_from_json(const nlohmann::json& j) {
  if (j.is_string()) {
    const auto& word = j.get_ref<const std::string&>();
    if (word == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (word == "Infinity") return std::numeric_limits<double>::infinity();
    if (word == "-Infinity") return -std::numeric_limits<double>::infinity();
    throw error(fmt::format("invalid float in JSON: {}", j.dump()));
  }
  return j.get<double>();
}

nlohmann::json numeric_json(const numeric& v) {
  const std::string& text = v.str();
  if (!is_json_number(text)) return text;
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::out_of_range&) {
    return text;  // beyond a double (numeric holds up to 131072 digits before the point)
  }
}

}  // namespace detail

namespace {

constexpr std::int64_t micros_per_day = 86400LL * 1000000;

// Proleptic Gregorian conversions between days since 1970-01-01 and (year, month, day), valid
// for PostgreSQL's whole range (std::chrono::year_month_day stops at year 32767).
struct civil {
  std::int64_t year;
  unsigned month, day;
};

civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2 ? 1 : 0), m, d};
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Writes `value` in decimal: a sign when negative, then at least `width` digits (zero-padded).
char* write_padded(char* out, std::int64_t value, int width) noexcept {
  if (value < 0) *out++ = '-';
  const std::uint64_t magnitude =
      value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  char digits[24];
  char* const end = std::to_chars(digits, digits + sizeof digits, magnitude).ptr;
  for (auto n = static_cast<int>(end - digits); n < width; ++n) *out++ = '0';
  return std::copy(digits, end, out);
}

// YYYY-MM-DD with PostgreSQL's years: the year before 1 AD is `0001` followed (at the end of
// the whole value, after any time and offset) by " BC", never year 0 or a minus sign.
char* write_date(char* out, std::int64_t days, bool& is_bc) noexcept {
  const civil c = civil_from_days(days);
  is_bc = c.year <= 0;
  out = write_padded(out, is_bc ? 1 - c.year : c.year, 4);
  *out++ = '-';
  out = write_padded(out, c.month, 2);
  *out++ = '-';
  return write_padded(out, c.day, 2);
}

char* write_era(char* out, bool is_bc) noexcept {
  if (!is_bc) return out;
  *out++ = ' ';
  *out++ = 'B';
  *out++ = 'C';
  return out;
}

// HH:MM:SS, then the fraction without trailing zeros (none when whole).
char* write_time(char* out, std::int64_t micros) noexcept {
  const std::int64_t seconds = micros / 1000000, fraction = micros % 1000000;
  out = write_padded(out, seconds / 3600, 2);
  *out++ = ':';
  out = write_padded(out, seconds / 60 % 60, 2);
  *out++ = ':';
  out = write_padded(out, seconds % 60, 2);
  if (fraction != 0) {
    *out++ = '.';
    char* const digits = out;
    out = write_padded(out, fraction, 6);
    while (out > digits && out[-1] == '0') --out;
  }
  return out;
}

char* write_timestamp(char* out, std::int64_t micros, bool& is_bc) noexcept {
  const std::int64_t days = floor_div(micros, micros_per_day);
  out = write_date(out, days, is_bc);
  *out++ = 'T';
  return write_time(out, micros - days * micros_per_day);
}

char* write_text(char* out, std::string_view text) noexcept {
  return std::copy(text.begin(), text.end(), out);
}

template <class T>
std::string iso8601_string(T value) {
  char buffer[detail::iso8601_max_size];
  return std::string(buffer, detail::write_iso8601(buffer, value));
}

[[noreturn]] void bad(std::string_view what, std::string_view text) {
  throw error(fmt::format("invalid {}: \"{}\"", what, text));
}

/// Reads exactly `width` digits (or, when width is 0, one or more) into `out`.
bool read_number(std::string_view& s, std::size_t width, std::int64_t& out) {
  std::size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9' && (width == 0 || n < width)) ++n;
  if (n == 0 || (width != 0 && n != width)) return false;
  // More digits than int64 holds: out of range (from_chars would leave `out` unchanged).
  if (std::from_chars(s.data(), s.data() + n, out).ec != std::errc{}) return false;
  s.remove_prefix(n);
  return true;
}

bool eat(std::string_view& s, char c) {
  if (s.empty() || s[0] != c) return false;
  s.remove_prefix(1);
  return true;
}

/// Beyond PostgreSQL's last date (5874897 AD), and small enough that no day or microsecond
/// count computed from a year overflows before the range checks.
constexpr std::int64_t max_year = 5874898;

/// days * micros_per_day + micros - offset_seconds seconds, false when int64 cannot hold it.
bool timestamp_micros(std::int64_t days, std::int64_t micros, std::int64_t offset_seconds,
                      std::int64_t& out) {
  std::int64_t day_micros = 0;
  return !__builtin_mul_overflow(days, micros_per_day, &day_micros) &&
         !__builtin_add_overflow(day_micros, micros - offset_seconds * 1000000, &out);
}

/// Removes PostgreSQL's era suffix (" BC", after everything else); true when it was there.
bool take_bc_suffix(std::string_view& s) {
  constexpr std::string_view suffix = " BC";
  if (s.size() <= suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
  s.remove_suffix(suffix.size());
  return true;
}

/// Y-MM-DD: with `is_bc`, a year of PostgreSQL's BC era (1 or more); otherwise an
/// astronomical year, which may be 0 or negative (the ISO 8601 form soong once wrote).
bool parse_date_part(std::string_view& s, bool is_bc, std::int64_t& days) {
  const bool negative = !is_bc && eat(s, '-');
  std::int64_t y = 0, m = 0, d = 0;
  if (!read_number(s, 0, y) || !eat(s, '-') || !read_number(s, 2, m) || !eat(s, '-') ||
      !read_number(s, 2, d) || m < 1 || m > 12 || d < 1 || d > 31 || y > max_year ||
      (is_bc && y < 1)) {
    return false;
  }
  const std::int64_t year = is_bc ? 1 - y : negative ? -y : y;
  days = days_from_civil(year, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

bool parse_time_part(std::string_view& s, std::int64_t& micros) {
  std::int64_t h = 0, m = 0, sec = 0, fraction = 0;
  if (!read_number(s, 2, h) || !eat(s, ':') || !read_number(s, 2, m) || !eat(s, ':') ||
      !read_number(s, 2, sec) || h > 24 || m > 59 || sec > 60) {
    return false;
  }
  if (eat(s, '.')) {
    std::size_t n = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') {
      if (n < 6) fraction = fraction * 10 + (s[n] - '0');
      ++n;
    }
    if (n == 0) return false;
    for (std::size_t i = n; i < 6; ++i) fraction *= 10;
    s.remove_prefix(n);
  }
  micros = ((h * 60 + m) * 60 + sec) * 1000000 + fraction;
  return true;
}

}  // namespace

namespace detail {

char* write_iso8601(char* out, date d) noexcept {
  if (d == date::max()) return write_text(out, "infinity");
  if (d == date::min()) return write_text(out, "-infinity");
  bool is_bc = false;
  out = write_date(out, d.time_since_epoch().count(), is_bc);
  return write_era(out, is_bc);
}
char* write_iso8601(char* out, time_of_day t) noexcept {
  return write_time(out, t.since_midnight().count());
}
char* write_iso8601(char* out, local_timestamp t) noexcept {
  if (t == local_timestamp::max()) return write_text(out, "infinity");
  if (t == local_timestamp::min()) return write_text(out, "-infinity");
  bool is_bc = false;
  out = write_timestamp(out, t.time_since_epoch().count(), is_bc);
  return write_era(out, is_bc);
}
char* write_iso8601(char* out, timestamptz t) noexcept {
  if (t == timestamptz::max()) return write_text(out, "infinity");
  if (t == timestamptz::min()) return write_text(out, "-infinity");
  // A UTC session's offset, as the server writes it (soong sessions run in UTC).
  bool is_bc = false;
  out = write_timestamp(out, t.time_since_epoch().count(), is_bc);
  out = write_text(out, "+00:00");
  return write_era(out, is_bc);
}

char* write_bytea_hex(char* out, std::span<const std::byte> bytes) noexcept {
  static constexpr char hex[] = "0123456789abcdef";
  *out++ = '\\';
  *out++ = 'x';
  for (const std::byte b : bytes) {
    const auto value = static_cast<unsigned>(b);
    *out++ = hex[value >> 4];
    *out++ = hex[value & 0xF];
  }
  return out;
}

char* write_base64(char* out, std::span<const std::byte> bytes) noexcept {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t chunk = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      chunk = (chunk << 8) | (k < n ? static_cast<std::uint32_t>(bytes[i + k]) : 0);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      *out++ = k <= n ? alphabet[(chunk >> (18 - 6 * k)) & 0x3F] : '=';
    }
  }
  return out;
}

}  // namespace detail

std::string to_iso8601(date d) { return iso8601_string(d); }
std::string to_iso8601(time_of_day t) { return iso8601_string(t); }
std::string to_iso8601(local_timestamp t) { return iso8601_string(t); }
std::string to_iso8601(timestamptz t) { return iso8601_string(t); }

date parse_date(std::string_view text) {
  if (text == "infinity") return date::max();
  if (text == "-infinity") return date::min();
  std::string_view s = text;
  const bool is_bc = take_bc_suffix(s);
  std::int64_t days = 0;
  if (!parse_date_part(s, is_bc, days) || !s.empty()) bad("date", text);
  return date(std::chrono::days(days));
}

time_of_day parse_time_of_day(std::string_view text) {
  std::string_view s = text;
  std::int64_t micros = 0;
  if (!parse_time_part(s, micros) || !s.empty()) bad("time", text);
  return time_of_day(std::chrono::microseconds(micros));
}

local_timestamp parse_local_timestamp(std::string_view text) {
  if (text == "infinity") return local_timestamp::max();
  if (text == "-infinity") return local_timestamp::min();
  std::string_view s = text;
  const bool is_bc = take_bc_suffix(s);
  std::int64_t days = 0, micros = 0;
  if (!parse_date_part(s, is_bc, days) || !(eat(s, 'T') || eat(s, ' ')) ||
      !parse_time_part(s, micros) || !s.empty()) {
    bad("timestamp", text);
  }
  std::int64_t unix_micros = 0;
  if (!timestamp_micros(days, micros, 0, unix_micros)) bad("timestamp", text);
  return local_timestamp(std::chrono::microseconds(unix_micros));
}

timestamptz parse_timestamptz(std::string_view text) {
  if (text == "infinity") return timestamptz::max();
  if (text == "-infinity") return timestamptz::min();
  std::string_view s = text;
  const bool is_bc = take_bc_suffix(s);
  std::int64_t days = 0, micros = 0, offset_seconds = 0;
  if (!parse_date_part(s, is_bc, days) || !(eat(s, 'T') || eat(s, ' ')) ||
      !parse_time_part(s, micros)) {
    bad("timestamptz", text);
  }
  // Z, or +HH, +HHMM, +HH:MM and the server's +HH:MM:SS (zones with local mean time).
  if (!eat(s, 'Z')) {
    const bool negative = !s.empty() && s[0] == '-';
    std::int64_t h = 0, m = 0, sec = 0;
    if (!(eat(s, '+') || eat(s, '-')) || !read_number(s, 2, h)) bad("timestamptz", text);
    if (eat(s, ':')) {
      if (!read_number(s, 2, m)) bad("timestamptz", text);
      if (eat(s, ':') && !read_number(s, 2, sec)) bad("timestamptz", text);
    } else if (!s.empty() && !read_number(s, 2, m)) {
      bad("timestamptz", text);
    }
    offset_seconds = (negative ? -1 : 1) * ((h * 60 + m) * 60 + sec);
  }
  std::int64_t unix_micros = 0;
  if (!s.empty() || !timestamp_micros(days, micros, offset_seconds, unix_micros)) {
    bad("timestamptz", text);
  }
  return timestamptz(std::chrono::microseconds(unix_micros));
}

bool is_json_number(std::string_view text) noexcept {
  // RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  if (i < text.size() && text[i] == '-') ++i;
  if (i < text.size() && text[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == text.size();
}

std::string to_bytea_hex(std::span<const std::byte> bytes) {
  std::string out(detail::bytea_hex_size(bytes.size()), '\0');
  detail::write_bytea_hex(out.data(), bytes);
  return out;
}

bytea parse_bytea(std::string_view text) {
  if (!text.starts_with("\\x")) return from_base64(text);
  const auto nibble = [&](char c) -> unsigned {
    if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
    bad("bytea", text);
  };
  const std::string_view hex = text.substr(2);
  if (hex.size() % 2 != 0) bad("bytea", text);
  bytea out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::byte>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
  return out;
}

std::string to_base64(std::span<const std::byte> bytes) {
  std::string out(detail::base64_size(bytes.size()), '\0');
  detail::write_base64(out.data(), bytes);
  return out;
}

bytea from_base64(std::string_view text) {
  const auto value = [&](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  if (text.size() % 4 != 0) bad("base64", text);
  bytea out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    std::uint32_t chunk = 0;
    int pad = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = text[i + k];
      int v = 0;
      if (c == '=' && i + 4 == text.size() && k >= 2) {
        ++pad;
      } else if (pad != 0 || (v = value(c)) < 0) {
        bad("base64", text);
      }
      chunk = (chunk << 6) | static_cast<std::uint32_t>(v);
    }
    for (int k = 0; k < 3 - pad; ++k) out.push_back(static_cast<std::byte>(chunk >> (16 - 8 * k)));
  }
  return out;
}

}  // namespace soong
