#pragma once
// Codecs for text-like types (`text`, `varchar`, `bpchar`, `name`, `citext`, enum labels, and
// `json`/`jsonb` read as raw text) and for `bytea`.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "soong/codec.hpp"

namespace soong {

/// `bytea` as owned bytes.
using bytea = std::vector<std::byte>;

namespace detail {
/// Wire types whose binary form is the UTF-8 text itself (plus jsonb's version byte). OIDs of
/// user types (citext, enums, domains over text) are accepted too: their OIDs vary per
/// database, and the generated code's per-connection check already vetted them.
[[nodiscard]] constexpr bool is_textual(oid_t oid) noexcept {
  return oid == oids::text || oid == oids::varchar || oid == oids::bpchar || oid == oids::name ||
         oid == oids::unknown || oid == oids::json || oid == oids::jsonb ||
         oid >= oids::first_normal_object;
}

/// jsonb's binary form is a version byte (1) followed by the JSON text.
inline constexpr char jsonb_version = 1;

/// The text of a textual value (strips jsonb's version byte).
[[nodiscard]] inline std::string_view text_of(const char* p, int length,
                                              const decode_context& ctx) {
  if (ctx.oid == oids::jsonb) {
    if (length < 1 || p[0] != jsonb_version) throw_decode_error(ctx, "unsupported jsonb version");
    return {p + 1, static_cast<std::size_t>(length - 1)};
  }
  return {p, static_cast<std::size_t>(length)};
}

/// Text sent as a parameter: as-is, except that jsonb needs its version byte first.
struct text_encoding {
  static constexpr oid_t type_oid(type_registry*) noexcept { return oids::text; }
  static constexpr oid_t array_oid(type_registry*) noexcept { return oids::text_array; }
  static constexpr bool accepts(oid_t oid) noexcept { return is_textual(oid); }
  static void encode(std::string_view value, byte_buffer& out, const encode_context& ctx) {
    if (ctx.target_oid == oids::jsonb) out.append(&jsonb_version, 1);
    out.append(value.data(), value.size());
  }
  static const char* borrow(std::string_view value, oid_t target, int& length) noexcept {
    if (target == oids::jsonb) return nullptr;
    length = static_cast<int>(value.size());
    return value.data();
  }
};
}  // namespace detail

/// Text as an owned std::string.
template <>
struct codec<std::string> : detail::text_encoding {
  static std::string decode(const char* p, int length, const decode_context& ctx) {
    return std::string(detail::text_of(p, length, ctx));
  }
};

/// Text parameters without a copy. Decoding gives a view into the result: valid only while the
/// soong::result lives.
template <>
struct codec<std::string_view> : detail::text_encoding {
  static std::string_view decode(const char* p, int length, const decode_context& ctx) {
    return detail::text_of(p, length, ctx);
  }
};

namespace detail {
struct bytea_encoding {
  static constexpr oid_t type_oid(type_registry*) noexcept { return oids::bytea; }
  static constexpr oid_t array_oid(type_registry*) noexcept { return oids::bytea_array; }
  static constexpr bool accepts(oid_t oid) noexcept { return oid == oids::bytea; }
  static void encode(std::span<const std::byte> value, byte_buffer& out, const encode_context&) {
    out.append(value.data(), value.size());
  }
  static const char* borrow(std::span<const std::byte> value, oid_t, int& length) noexcept {
    length = static_cast<int>(value.size());
    return reinterpret_cast<const char*>(value.data());
  }
};
}  // namespace detail

/// `bytea` as owned bytes (embedded NULs are fine: binary format has a length).
template <>
struct codec<bytea> : detail::bytea_encoding {
  static bytea decode(const char* p, int length, const decode_context&) {
    const auto* b = reinterpret_cast<const std::byte*>(p);
    return bytea(b, b + length);
  }
};

/// `bytea` parameters without a copy; decoding views the result's bytes.
template <>
struct codec<std::span<const std::byte>> : detail::bytea_encoding {
  static std::span<const std::byte> decode(const char* p, int length, const decode_context&) {
    return {reinterpret_cast<const std::byte*>(p), static_cast<std::size_t>(length)};
  }
};

}  // namespace soong
