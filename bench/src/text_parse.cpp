#include "text_parse.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace soong::bench {
namespace {

[[noreturn]] void bad(std::string_view what, std::string_view text) {
  throw std::runtime_error("cannot parse " + std::string(what) + ": " + std::string(text));
}

int digits(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') bad("timestamptz", text);
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::int64_t parse_int(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) bad("integer", text);
  return value;
}

double parse_double(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) bad("float8", text);
  return value;
}

bool parse_bool(std::string_view text) {
  if (text == "t") return true;
  if (text == "f") return false;
  bad("bool", text);
}

std::int64_t parse_timestamptz_utc(std::string_view text) {
  // YYYY-MM-DD HH:MM:SS[.f{1,6}]+00
  using namespace std::chrono;
  const year_month_day ymd{year(digits(text, 0, 4)),
                           month(static_cast<unsigned>(digits(text, 5, 2))),
                           day(static_cast<unsigned>(digits(text, 8, 2)))};
  std::int64_t us = duration_cast<microseconds>(sys_days(ymd).time_since_epoch()).count();
  us +=
      (digits(text, 11, 2) * 3600LL + digits(text, 14, 2) * 60LL + digits(text, 17, 2)) * 1000000LL;
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    std::int64_t fraction = 0;
    int scale = 0;
    for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++scale) {
      fraction = fraction * 10 + (text[at] - '0');
    }
    for (; scale < 6; ++scale) fraction *= 10;
    us += fraction;
  }
  if (text.substr(at) != "+00") bad("timestamptz (expected UTC)", text);
  return us;
}

std::array<unsigned char, 16> parse_uuid(std::string_view text) {
  std::array<unsigned char, 16> bytes{};
  std::size_t out = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '-') continue;
    const int high = hex_digit(text[i]);
    const int low = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
    if (high < 0 || low < 0 || out == 16) bad("uuid", text);
    bytes[out++] = static_cast<unsigned char>(high * 16 + low);
    ++i;
  }
  if (out != 16) bad("uuid", text);
  return bytes;
}

std::string_view format_timestamptz_utc(std::int64_t unix_us, char (&buffer)[32]) {
  using namespace std::chrono;
  const sys_seconds t{seconds(unix_us / 1000000)};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  const int n = std::snprintf(
      buffer, sizeof buffer, "%04d-%02u-%02u %02lld:%02lld:%02lld+00", static_cast<int>(ymd.year()),
      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
      static_cast<long long>(hms.hours().count()), static_cast<long long>(hms.minutes().count()),
      static_cast<long long>(hms.seconds().count()));
  return {buffer, static_cast<std::size_t>(n)};
}

}  // namespace soong::bench
