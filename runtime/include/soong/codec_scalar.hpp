#pragma once
// Codecs for bool, int2/int4/int8 and float4/float8 (IEEE 754 bits, so NaN and ±Infinity
// round-trip exactly).

#include <bit>
#include <cstdint>

#include "soong/codec.hpp"

namespace soong {

namespace detail {
/// Fixed-width big-endian integers with one PostgreSQL type each.
template <class Int, oid_t Oid, oid_t ArrayOid>
struct integer_codec {
  static constexpr oid_t type_oid(type_registry*) noexcept { return Oid; }
  static constexpr oid_t array_oid(type_registry*) noexcept { return ArrayOid; }
  static constexpr bool accepts(oid_t oid) noexcept { return oid == Oid; }
  static void encode(Int value, byte_buffer& out, const encode_context&) { out.append_be(value); }
  static Int decode(const char* p, int length, const decode_context& ctx) {
    expect_length(ctx, length, sizeof(Int));
    return load_be<Int>(p);
  }
};

/// IEEE floats travel as the big-endian integer with the same bits.
template <class Float, class Bits, oid_t Oid, oid_t ArrayOid>
struct float_codec {
  static constexpr oid_t type_oid(type_registry*) noexcept { return Oid; }
  static constexpr oid_t array_oid(type_registry*) noexcept { return ArrayOid; }
  static constexpr bool accepts(oid_t oid) noexcept { return oid == Oid; }
  static void encode(Float value, byte_buffer& out, const encode_context&) {
    out.append_be(std::bit_cast<Bits>(value));
  }
  static Float decode(const char* p, int length, const decode_context& ctx) {
    expect_length(ctx, length, sizeof(Float));
    return std::bit_cast<Float>(load_be<Bits>(p));
  }
};
}  // namespace detail

/// `bool`: one byte, 0 or 1.
template <>
struct codec<bool> {
  static constexpr oid_t type_oid(type_registry*) noexcept { return oids::bool_; }
  static constexpr oid_t array_oid(type_registry*) noexcept { return oids::bool_array; }
  static constexpr bool accepts(oid_t oid) noexcept { return oid == oids::bool_; }
  static void encode(bool value, detail::byte_buffer& out, const encode_context&) {
    const char byte = value ? 1 : 0;
    out.append(&byte, 1);
  }
  static bool decode(const char* p, int length, const decode_context& ctx) {
    detail::expect_length(ctx, length, 1);
    return p[0] != 0;
  }
};

/// `int2`.
template <>
struct codec<std::int16_t> : detail::integer_codec<std::int16_t, oids::int2, oids::int2_array> {};
/// `int4`.
template <>
struct codec<std::int32_t> : detail::integer_codec<std::int32_t, oids::int4, oids::int4_array> {};
/// `int8`.
template <>
struct codec<std::int64_t> : detail::integer_codec<std::int64_t, oids::int8, oids::int8_array> {};
/// `float4`.
template <>
struct codec<float> : detail::float_codec<float, std::uint32_t, oids::float4, oids::float4_array> {
};
/// `float8`.
template <>
struct codec<double>
    : detail::float_codec<double, std::uint64_t, oids::float8, oids::float8_array> {};

}  // namespace soong
