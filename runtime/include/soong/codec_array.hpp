#pragma once
// One-dimensional arrays: std::vector<T>, and std::vector<std::optional<T>> when elements may
// be NULL. Wire format (array_send): ndim, has-nulls flag, element OID, then per dimension
// (size, lower bound), then `length, bytes` per element. The server checks the element OID
// exactly, so arrays of user types need the connection's OIDs (encode_context::types).

#include <cstdint>
#include <ranges>
#include <vector>

#include "soong/codec_nested.hpp"
#include "soong/type_registry.hpp"

namespace soong {

namespace detail {

/// The element type of an array being sent: from the target array type when known (built-in or
/// the connection's user types), else the element codec's own type.
template <class Element>
oid_t array_element_type(const encode_context& ctx) {
  if (ctx.target_oid == 0) return codec<Element>::type_oid(ctx.types);
  if (const oid_t e = builtin_element_of(ctx.target_oid); e != 0) return e;
  if (ctx.types == nullptr) throw_encode_error("arrays of user types need a connection");
  return ctx.types->element_of(ctx.target_oid);
}

/// Encodes any sized range whose elements are `Element` or std::optional<Element> (an empty
/// optional is a NULL element) as a one-dimensional array of `Element`.
template <class Element, class Range>
void encode_array(const Range& values, byte_buffer& out, const encode_context& ctx) {
  using stored = std::ranges::range_value_t<Range>;
  const oid_t element_oid = array_element_type<Element>(ctx);
  bool has_null = false;
  if constexpr (is_optional<stored>) {
    for (const auto& v : values) has_null = has_null || !v.has_value();
  }
  const auto size = std::ranges::size(values);
  out.append_be(std::int32_t{size == 0 ? 0 : 1});
  out.append_be(std::int32_t{has_null ? 1 : 0});
  out.append_be(static_cast<std::int32_t>(element_oid));
  if (size != 0) {
    out.append_be(static_cast<std::int32_t>(size));
    out.append_be(std::int32_t{1});  // lower bound: SQL arrays start at 1
  }
  const encode_context inner{element_oid, ctx.types};
  for (const auto& v : values) encode_nested(v, out, inner);
}

}  // namespace detail

template <class T>
struct codec<std::vector<T>> {
  using element = unwrap_optional_t<T>;

  static oid_t type_oid(type_registry* types) { return codec<element>::array_oid(types); }
  static bool accepts(oid_t oid) {
    const oid_t e = builtin_element_of(oid);
    return e != 0 ? codec<element>::accepts(e) : oid >= oids::first_normal_object;
  }

  static void encode(const std::vector<T>& values, detail::byte_buffer& out,
                     const encode_context& ctx) {
    detail::encode_array<element>(values, out, ctx);
  }

  static std::vector<T> decode(const char* p, int length, const decode_context& ctx) {
    detail::wire_reader in(p, length, ctx);
    const auto ndim = in.read<std::int32_t>();
    in.read<std::int32_t>();  // has-nulls flag: NULLs are seen per element anyway
    const auto element_oid = static_cast<oid_t>(in.read<std::int32_t>());
    std::vector<T> values;
    if (ndim == 0) return values;
    if (ndim != 1) {
      detail::throw_decode_error(ctx, "array has " + std::to_string(ndim) +
                                          " dimensions; soong maps one-dimensional arrays only");
    }
    if (!codec<element>::accepts(element_oid)) {
      detail::throw_decode_error(ctx, "array elements are " +
                                          detail::builtin_type_name(element_oid) +
                                          ", which does not decode as the requested C++ type");
    }
    const auto size = in.read<std::int32_t>();
    in.read<std::int32_t>();  // lower bound
    if (size < 0 || size > length) detail::throw_decode_error(ctx, "bad array size");
    values.reserve(static_cast<std::size_t>(size));
    for (int i = 0; i < size; ++i) {
      values.push_back(in.template read_value<T>(element_oid, "array element", i));
    }
    return values;
  }
};

}  // namespace soong
