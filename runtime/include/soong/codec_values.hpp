#pragma once
// Codecs for soong's value types: numeric, uuid, date, time, timestamp, timestamptz, interval.

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include "soong/chrono_types.hpp"
#include "soong/codec.hpp"
#include "soong/numeric.hpp"
#include "soong/uuid.hpp"

namespace soong {

namespace detail {
/// numeric's binary form (ndigits, weight, sign, dscale, base-10000 digits) from/to text.
void encode_numeric(std::string_view text, byte_buffer& out);
[[nodiscard]] std::string decode_numeric(const char* p, int length, const decode_context& ctx);

/// PostgreSQL counts days and microseconds from 2000-01-01; std::chrono from 1970-01-01.
inline constexpr std::int64_t pg_epoch_days = 10957;
inline constexpr std::int64_t pg_epoch_micros = pg_epoch_days * 86400 * 1000000LL;

/// timestamp/timestamptz: int64 microseconds since 2000-01-01; INT64_MIN/MAX are ∓infinity.
template <class TimePoint, oid_t Oid, oid_t ArrayOid>
struct timestamp_codec {
  static constexpr oid_t type_oid(type_registry*) noexcept { return Oid; }
  static constexpr oid_t array_oid(type_registry*) noexcept { return ArrayOid; }
  static constexpr bool accepts(oid_t oid) noexcept { return oid == Oid; }
  static void encode(TimePoint t, byte_buffer& out, const encode_context&) {
    using limits = std::numeric_limits<std::int64_t>;
    std::int64_t pg = 0;
    if (t == TimePoint::max()) {
      pg = limits::max();
    } else if (t == TimePoint::min()) {
      pg = limits::min();
    } else if (__builtin_sub_overflow(t.time_since_epoch().count(), pg_epoch_micros, &pg) ||
               pg == limits::max() || pg == limits::min()) {
      throw_encode_error("timestamp out of range");
    }
    out.append_be(pg);
  }
  static TimePoint decode(const char* p, int length, const decode_context& ctx) {
    using limits = std::numeric_limits<std::int64_t>;
    expect_length(ctx, length, 8);
    const auto pg = load_be<std::int64_t>(p);
    if (pg == limits::max()) return TimePoint::max();
    if (pg == limits::min()) return TimePoint::min();
    std::int64_t unix_micros = 0;
    // PostgreSQL's range ends in 294276 AD, slightly beyond what int64 microseconds since 1970
    // can hold; refuse rather than wrap.
    if (__builtin_add_overflow(pg, pg_epoch_micros, &unix_micros)) {
      throw_decode_error(ctx, "timestamp beyond the range of std::chrono microseconds");
    }
    return TimePoint(std::chrono::microseconds(unix_micros));
  }
};
}  // namespace detail

/// `numeric`, exactly (including NaN and ±Infinity).
template <>
struct codec<numeric> {
  static constexpr oid_t type_oid(type_registry*) noexcept { return oids::numeric; }
  static constexpr oid_t array_oid(type_registry*) noexcept { return oids::numeric_array; }
  static constexpr bool accepts(oid_t oid) noexcept { return oid == oids::numeric; }
  static void encode(const numeric& value, detail::byte_buffer& out, const encode_context&) {
    detail::encode_numeric(value.str(), out);
  }
  static numeric decode(const char* p, int length, const decode_context& ctx) {
    return numeric(detail::decode_numeric(p, length, ctx));
  }
};

/// `uuid`: the 16 bytes.
template <>
struct codec<uuid> {
  static constexpr oid_t type_oid(type_registry*) noexcept { return oids::uuid; }
  static constexpr oid_t array_oid(type_registry*) noexcept { return oids::uuid_array; }
  static constexpr bool accepts(oid_t oid) noexcept { return oid == oids::uuid; }
  static void encode(const uuid& value, detail::byte_buffer& out, const encode_context&) {
    out.append(value.bytes.data(), value.bytes.size());
  }
  static uuid decode(const char* p, int length, const decode_context& ctx) {
    detail::expect_length(ctx, length, 16);
    uuid u;
    std::memcpy(u.bytes.data(), p, 16);
    return u;
  }
};

/// `date`: int32 days since 2000-01-01; INT32_MIN/MAX are -infinity/infinity.
template <>
struct codec<date> {
  static constexpr oid_t type_oid(type_registry*) noexcept { return oids::date; }
  static constexpr oid_t array_oid(type_registry*) noexcept { return oids::date_array; }
  static constexpr bool accepts(oid_t oid) noexcept { return oid == oids::date; }
  static void encode(date d, detail::byte_buffer& out, const encode_context&) {
    using limits = std::numeric_limits<std::int32_t>;
    std::int32_t pg = 0;
    if (d == date::max()) {
      pg = limits::max();
    } else if (d == date::min()) {
      pg = limits::min();
    } else {
      const std::int64_t days = d.time_since_epoch().count() - detail::pg_epoch_days;
      if (days <= limits::min() || days >= limits::max())
        detail::throw_encode_error("date out of range");
      pg = static_cast<std::int32_t>(days);
    }
    out.append_be(pg);
  }
  static date decode(const char* p, int length, const decode_context& ctx) {
    using limits = std::numeric_limits<std::int32_t>;
    detail::expect_length(ctx, length, 4);
    const auto pg = detail::load_be<std::int32_t>(p);
    if (pg == limits::max()) return date::max();
    if (pg == limits::min()) return date::min();
    return date(std::chrono::days(std::int64_t{pg} + detail::pg_epoch_days));
  }
};

/// `time` (without time zone): int64 microseconds since midnight.
template <>
struct codec<time_of_day> {
  static constexpr oid_t type_oid(type_registry*) noexcept { return oids::time; }
  static constexpr oid_t array_oid(type_registry*) noexcept { return oids::time_array; }
  static constexpr bool accepts(oid_t oid) noexcept { return oid == oids::time; }
  static void encode(time_of_day t, detail::byte_buffer& out, const encode_context&) {
    out.append_be(static_cast<std::int64_t>(t.since_midnight().count()));
  }
  static time_of_day decode(const char* p, int length, const decode_context& ctx) {
    detail::expect_length(ctx, length, 8);
    return time_of_day(std::chrono::microseconds(detail::load_be<std::int64_t>(p)));
  }
};

/// `timestamp` (without time zone).
template <>
struct codec<local_timestamp>
    : detail::timestamp_codec<local_timestamp, oids::timestamp, oids::timestamp_array> {};
/// `timestamptz`.
template <>
struct codec<timestamptz>
    : detail::timestamp_codec<timestamptz, oids::timestamptz, oids::timestamptz_array> {};

/// timestamp/timestamptz parameters given at any precision (soong::time_argument).
template <class Clock>
struct codec<time_argument<Clock>> : codec<typename time_argument<Clock>::time_point> {};

/// `interval`: int64 microseconds, int32 days, int32 months (in that order on the wire).
template <>
struct codec<interval> {
  static constexpr oid_t type_oid(type_registry*) noexcept { return oids::interval; }
  static constexpr oid_t array_oid(type_registry*) noexcept { return oids::interval_array; }
  static constexpr bool accepts(oid_t oid) noexcept { return oid == oids::interval; }
  static void encode(const interval& v, detail::byte_buffer& out, const encode_context&) {
    out.append_be(static_cast<std::int64_t>(v.time.count()));
    out.append_be(v.days);
    out.append_be(v.months);
  }
  static interval decode(const char* p, int length, const decode_context& ctx) {
    detail::expect_length(ctx, length, 16);
    return interval{.months = detail::load_be<std::int32_t>(p + 12),
                    .days = detail::load_be<std::int32_t>(p + 8),
                    .time = std::chrono::microseconds(detail::load_be<std::int64_t>(p))};
  }
};

}  // namespace soong
