// PostgreSQL's `interval` output (IntervalStyle postgres), written from the same fields and in
// the same order as the server: years and months from the month count, days, then the time of
// day with the sign of its first nonzero part.

#include "soong/chrono_text.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include "soong/error.hpp"

namespace soong {
namespace {

/// " 3 days", "-1 years", "+2 mons": a part that follows a negative one carries an explicit
/// plus, as the server prints it.
void append_part(std::string& out, std::int64_t value, const char* unit, bool& is_zero,
                 bool& is_before) {
  if (value == 0) return;
  out += fmt::format("{}{}{} {}{}", is_zero ? "" : " ", is_before && value > 0 ? "+" : "", value,
                     unit, value != 1 ? "s" : "");
  is_before = value < 0;
  is_zero = false;
}

[[noreturn]] void bad_interval(std::string_view text) {
  throw error(fmt::format("invalid interval: \"{}\"", text));
}

/// A signed decimal integer at the start of `s` ("+3", "-12", "7"); false when there is none.
bool read_signed(std::string_view& s, std::int64_t& out) {
  std::string_view digits = s;
  const bool negative = !digits.empty() && digits[0] == '-';
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.remove_prefix(1);
  if (digits.empty() || digits[0] < '0' || digits[0] > '9') return false;
  std::int64_t magnitude = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
  if (ec != std::errc{} || end == digits.data()) return false;
  out = negative ? -magnitude : magnitude;
  s.remove_prefix(static_cast<std::size_t>(end - s.data()));
  return true;
}

/// [+-]H:MM:SS[.ffffff] (any number of hour digits) as signed microseconds.
bool read_time(std::string_view s, std::int64_t& micros) {
  const bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  std::int64_t hours = 0, minutes = 0, seconds = 0, fraction = 0;
  const auto number = [&](std::int64_t& out, std::size_t width) {
    if (s.empty() || s[0] < '0' || s[0] > '9') return false;  // from_chars would take a sign
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    const auto length = static_cast<std::size_t>(end - s.data());
    if (ec != std::errc{} || length == 0 || (width != 0 && length != width)) return false;
    s.remove_prefix(length);
    return true;
  };
  if (!number(hours, 0) || s.empty() || s[0] != ':') return false;
  s.remove_prefix(1);
  if (!number(minutes, 2) || s.empty() || s[0] != ':') return false;
  s.remove_prefix(1);
  if (!number(seconds, 2) || minutes > 59 || seconds > 59) return false;
  if (!s.empty() && s[0] == '.') {
    s.remove_prefix(1);
    std::size_t n = 0;
    for (; n < s.size() && n < 6 && s[n] >= '0' && s[n] <= '9'; ++n) {
      fraction = fraction * 10 + (s[n] - '0');
    }
    if (n == 0 || n != s.size()) return false;
    for (; n < 6; ++n) fraction *= 10;
    s = {};
  }
  std::int64_t total = 0;
  if (!s.empty() || __builtin_mul_overflow(hours, std::int64_t{3600000000}, &total) ||
      __builtin_add_overflow(total, (minutes * 60 + seconds) * 1000000 + fraction, &total)) {
    return false;
  }
  micros = negative ? -total : total;
  return true;
}

}  // namespace

interval parse_interval(std::string_view text) {
  std::int64_t months = 0, days = 0, micros = 0;
  bool seen_time = false;
  std::string_view rest = text;
  if (rest.empty()) bad_interval(text);
  while (!rest.empty()) {
    const std::size_t space = rest.find(' ');
    std::string_view part = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    if (part.find(':') != std::string_view::npos) {
      if (seen_time || !rest.empty() || !read_time(part, micros)) bad_interval(text);
      seen_time = true;
      continue;
    }
    std::int64_t count = 0;
    const std::size_t unit_at = rest.find(' ');
    const std::string_view unit = rest.substr(0, unit_at);
    rest = unit_at == std::string_view::npos ? std::string_view() : rest.substr(unit_at + 1);
    if (seen_time || !read_signed(part, count) || !part.empty()) bad_interval(text);
    std::int64_t scaled = 0;
    if (unit == "year" || unit == "years") {
      if (__builtin_mul_overflow(count, 12, &scaled) ||
          __builtin_add_overflow(months, scaled, &months)) {
        bad_interval(text);
      }
    } else if (unit == "mon" || unit == "mons") {
      if (__builtin_add_overflow(months, count, &months)) bad_interval(text);
    } else if (unit == "day" || unit == "days") {
      if (__builtin_add_overflow(days, count, &days)) bad_interval(text);
    } else {
      bad_interval(text);
    }
  }
  constexpr std::int64_t int32_min = std::numeric_limits<std::int32_t>::min();
  constexpr std::int64_t int32_max = std::numeric_limits<std::int32_t>::max();
  if (months < int32_min || months > int32_max || days < int32_min || days > int32_max) {
    bad_interval(text);
  }
  return interval{.months = static_cast<std::int32_t>(months),
                  .days = static_cast<std::int32_t>(days),
                  .time = std::chrono::microseconds(micros)};
}

std::string to_postgres_text(const interval& v) {
  constexpr std::int64_t micros_per_second = 1000000;
  const std::int64_t time = v.time.count();
  const std::int64_t hours = time / (3600 * micros_per_second);
  const std::int64_t minutes = time / (60 * micros_per_second) % 60;
  const std::int64_t seconds = time / micros_per_second % 60;
  const std::int64_t fraction = time % micros_per_second;

  std::string out;
  bool is_zero = true;
  bool is_before = false;
  append_part(out, v.months / 12, "year", is_zero, is_before);
  append_part(out, v.months % 12, "mon", is_zero, is_before);
  append_part(out, v.days, "day", is_zero, is_before);
  if (is_zero || time != 0) {
    const bool minus = time < 0;
    out += fmt::format("{}{}{:02}:{:02}:{:02}", is_zero ? "" : " ",
                       minus ? "-" : (is_before ? "+" : ""), std::llabs(hours), std::llabs(minutes),
                       std::llabs(seconds));
    if (fraction != 0) {
      std::string digits = fmt::format(".{:06}", std::llabs(fraction));
      while (digits.back() == '0') digits.pop_back();
      out += digits;
    }
  }
  return out;
}

}  // namespace soong
