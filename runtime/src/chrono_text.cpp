// PostgreSQL's `interval` output (IntervalStyle postgres), written from the same fields and in
// the same order as the server: years and months from the month count, days, then the time of
// day with the sign of its first nonzero part.

#include "soong/chrono_text.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <cstdlib>
#include <string>

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

}  // namespace

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
