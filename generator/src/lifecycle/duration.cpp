#include "lifecycle/duration.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <limits>

#include "soong/error.hpp"

namespace soong::gen::lifecycle {
namespace {

[[noreturn]] void reject(std::string_view text) {
  throw soong::error(fmt::format(
      "'{}' is not a duration: use a number with a unit, e.g. 500ms, 30s, 10m, 2h, 1d or 1h30m",
      text));
}

}  // namespace

std::chrono::milliseconds parse_duration(std::string_view text) {
  if (text.empty()) reject(text);
  std::int64_t total_ms = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) reject(text);
    std::int64_t number = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      if (number > std::numeric_limits<std::int64_t>::max() / 1000 / 86400 / 10) reject(text);
      number = number * 10 + (text[i] - '0');
      ++i;
    }
    std::size_t unit_end = i;
    while (unit_end < text.size() && std::isalpha(static_cast<unsigned char>(text[unit_end])) != 0)
      ++unit_end;
    const std::string_view unit = text.substr(i, unit_end - i);
    std::int64_t unit_ms = 0;
    if (unit == "ms") {
      unit_ms = 1;
    } else if (unit == "s" || (unit.empty() && i == text.size() && total_ms == 0)) {
      unit_ms = 1000;  // a bare number is seconds
    } else if (unit == "m") {
      unit_ms = 60 * 1000;
    } else if (unit == "h") {
      unit_ms = 3600 * 1000;
    } else if (unit == "d") {
      unit_ms = 86400 * 1000;
    } else {
      reject(text);
    }
    total_ms += number * unit_ms;
    i = unit_end;
  }
  return std::chrono::milliseconds(total_ms);
}

}  // namespace soong::gen::lifecycle
