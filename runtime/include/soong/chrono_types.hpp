#pragma once
// Date and time types for PostgreSQL's `date`, `time`, `timestamp`, `timestamptz`, `interval`
// (type mapping in docs/design.md). PostgreSQL's `infinity` and `-infinity` map to the time point's
// max() and min(): use soong::infinity<T>() / soong::minus_infinity<T>() and soong::is_finite.

#include <chrono>
#include <cstdint>

namespace soong {

/// `date`: days since 1970-01-01.
using date = std::chrono::sys_days;
/// `time` (without time zone): microseconds since midnight.
using time_of_day = std::chrono::microseconds;
/// `timestamp` (without time zone): a wall-clock reading, no zone attached.
using local_timestamp = std::chrono::local_time<std::chrono::microseconds>;
/// `timestamptz`: an instant, UTC-based, microsecond precision.
using timestamptz = std::chrono::sys_time<std::chrono::microseconds>;

/// PostgreSQL `infinity` for date/timestamp types (T::max()).
template <class TimePoint>
[[nodiscard]] constexpr TimePoint infinity() noexcept {
  return TimePoint::max();
}
/// PostgreSQL `-infinity` for date/timestamp types (T::min()).
template <class TimePoint>
[[nodiscard]] constexpr TimePoint minus_infinity() noexcept {
  return TimePoint::min();
}
/// False for soong::infinity / soong::minus_infinity.
template <class TimePoint>
[[nodiscard]] constexpr bool is_finite(TimePoint t) noexcept {
  return t != TimePoint::max() && t != TimePoint::min();
}

/// `interval`: PostgreSQL keeps months, days and microseconds apart (a month is not 30 days,
/// a day is not 24 hours across DST), so soong does too.
struct interval {
  std::int32_t months = 0;
  std::int32_t days = 0;
  std::chrono::microseconds time{0};

  friend bool operator==(const interval&, const interval&) = default;
};

}  // namespace soong
