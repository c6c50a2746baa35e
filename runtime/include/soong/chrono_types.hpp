#pragma once
// Date and time types for PostgreSQL's `date`, `time`, `timestamp`, `timestamptz`, `interval`
// (type mapping in docs/design.md). PostgreSQL's `infinity` and `-infinity` map to the time point's
// max() and min(): use soong::infinity<T>() / soong::minus_infinity<T>() and soong::is_finite.

#include <chrono>
#include <cmath>
#include <cstdint>
#include <ratio>
#include <type_traits>

namespace soong {

/// `date`: days since 1970-01-01.
using date = std::chrono::sys_days;
/// `time` (without time zone): a time of day, held as microseconds since midnight, from
/// 00:00:00 to 24:00:00 inclusive (PostgreSQL's range; the server rejects a value outside it).
/// A type of its own rather than a duration, so that it prints as a time (soong/print.hpp:
/// `08:30:00`, not `30600000000us`) and a duration is not read as a time by accident elsewhere.
/// Any duration of whole microseconds or coarser converts to it, so `t == 8h + 30min` and
/// passing `8h + 30min` as a parameter read as they mean.
class time_of_day {
 public:
  /// Midnight.
  constexpr time_of_day() noexcept = default;
  /// `since_midnight` after midnight: `soong::time_of_day(8h + 30min)`.
  template <class Rep, class Period>
  requires std::is_convertible_v<std::chrono::duration<Rep, Period>, std::chrono::microseconds>
  // NOLINTNEXTLINE(google-explicit-constructor): a duration since midnight names a time of day
  constexpr time_of_day(std::chrono::duration<Rep, Period> since_midnight) noexcept
      : since_midnight_(since_midnight) {}

  /// The time since midnight (24:00:00 is 24h).
  [[nodiscard]] constexpr std::chrono::microseconds since_midnight() const noexcept {
    return since_midnight_;
  }
  /// Hours, minutes, seconds and subseconds: `t.hms().hours().count()`.
  [[nodiscard]] constexpr std::chrono::hh_mm_ss<std::chrono::microseconds> hms() const noexcept {
    return std::chrono::hh_mm_ss<std::chrono::microseconds>(since_midnight_);
  }

  friend constexpr bool operator==(time_of_day, time_of_day) noexcept = default;
  friend constexpr auto operator<=>(time_of_day, time_of_day) noexcept = default;

 private:
  std::chrono::microseconds since_midnight_{0};
};
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

/// `time_point` rounded to microseconds as PostgreSQL rounds a text timestamp with more than six
/// fractional digits: the fraction of the (floored) second, as a double, times 10^6, rounded
/// half to even (its rint). Finer durations than nanoseconds are first cut to nanoseconds;
/// Duration's max() and min() stay infinity and -infinity.
template <class Clock, class Duration>
[[nodiscard]] std::chrono::time_point<Clock, std::chrono::microseconds> round_to_micros(
    std::chrono::time_point<Clock, Duration> t) noexcept {
  using std::chrono::microseconds;
  using std::chrono::nanoseconds;
  using result = std::chrono::time_point<Clock, microseconds>;
  if constexpr (std::ratio_less_equal_v<microseconds::period, typename Duration::period>) {
    return std::chrono::time_point_cast<microseconds>(t);  // exact: whole microseconds
  } else {
    if (t == decltype(t)::max()) return result::max();
    if (t == decltype(t)::min()) return result::min();
    const auto ns = std::chrono::time_point_cast<nanoseconds>(t);
    const auto second = std::chrono::floor<std::chrono::seconds>(ns);
    const auto fraction = (ns - second).count();  // [0, 10^9)
    const auto micros =
        static_cast<std::int64_t>(std::nearbyint(static_cast<double>(fraction) / 1e9 * 1e6));
    return result(std::chrono::time_point_cast<microseconds>(second) + microseconds(micros));
  }
}

/// A timestamp argument: any time point of `Clock` (`system_clock::now()`, seconds,
/// nanoseconds...), held as the microseconds PostgreSQL would store (soong::round_to_micros).
template <class Clock>
class time_argument {
 public:
  using time_point = std::chrono::time_point<Clock, std::chrono::microseconds>;

  /// The clock's epoch.
  time_argument() = default;
  template <class Duration>
  // NOLINTNEXTLINE(google-explicit-constructor): a time point is passed where one is expected
  time_argument(std::chrono::time_point<Clock, Duration> t) noexcept : value_(round_to_micros(t)) {}

  [[nodiscard]] time_point value() const noexcept { return value_; }
  // NOLINTNEXTLINE(google-explicit-constructor)
  operator time_point() const noexcept { return value_; }

  friend bool operator==(const time_argument&, const time_argument&) = default;

 private:
  time_point value_{};
};

/// A `timestamptz` parameter: any std::chrono::sys_time.
using timestamptz_arg = time_argument<std::chrono::system_clock>;
/// A `timestamp` parameter: any std::chrono::local_time.
using local_timestamp_arg = time_argument<std::chrono::local_t>;

}  // namespace soong
