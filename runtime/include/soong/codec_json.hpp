#pragma once
// Codec for `json` and `jsonb` as nlohmann::json. (To read JSON as raw text, decode into
// std::string; to send raw JSON text, pass a std::string_view.)

#include <nlohmann/json.hpp>

#include "soong/codec.hpp"

namespace soong {

namespace detail {
void encode_json(const nlohmann::json& value, byte_buffer& out, const encode_context& ctx);
[[nodiscard]] nlohmann::json decode_json(const char* p, int length, const decode_context& ctx);
}  // namespace detail

/// `jsonb` by default; `json` when the target type is json (their binary forms differ).
template <>
struct codec<nlohmann::json> {
  static constexpr oid_t type_oid(type_registry*) noexcept { return oids::jsonb; }
  static constexpr oid_t array_oid(type_registry*) noexcept { return oids::jsonb_array; }
  static constexpr bool accepts(oid_t oid) noexcept {
    return oid == oids::json || oid == oids::jsonb;
  }
  static void encode(const nlohmann::json& value, detail::byte_buffer& out,
                     const encode_context& ctx) {
    detail::encode_json(value, out, ctx);
  }
  static nlohmann::json decode(const char* p, int length, const decode_context& ctx) {
    return detail::decode_json(p, length, ctx);
  }
};

}  // namespace soong
