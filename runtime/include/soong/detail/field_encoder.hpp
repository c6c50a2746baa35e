#pragma once
// Encodes values as length-prefixed binary fields (int32 length, -1 for NULL, then the bytes)
// into one growing buffer. This is exactly a field of binary COPY. (Pipeline batches include
// this header for bound_tuple_t; they encode each item with soong::execute's param_pack.)

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "soong/codec.hpp"
#include "soong/detail/byte_buffer.hpp"
#include "soong/execute.hpp"

namespace soong::detail {

/// Appends one non-NULL value of C++ type V (already mapped by parameter_type_t).
template <class V, class Arg>
void append_present_field(byte_buffer& out, const Arg& value, const encode_context& context) {
  const std::size_t length_at = out.size();
  out.append_be<std::int32_t>(0);  // patched once the value's size is known
  codec<V>::encode(value, out, context);
  out.patch_be32(length_at, static_cast<std::int32_t>(out.size() - length_at - 4));
}

/// Appends `arg` as one field: std::nullopt becomes length -1 (NULL), character pointers and
/// mutable byte spans are viewed as their const counterparts (as soong::execute does).
template <class Arg>
void append_field(byte_buffer& out, const Arg& arg, const encode_context& context) {
  using P = parameter_type_t<Arg>;
  if constexpr (is_optional<P>) {
    if (!arg.has_value()) {
      out.append_be<std::int32_t>(-1);
      return;
    }
    append_present_field<unwrap_optional_t<P>>(out, *arg, context);
  } else if constexpr (std::is_same_v<std::remove_cvref_t<Arg>, P>) {
    append_present_field<P>(out, arg, context);
  } else {
    append_present_field<P>(out, P(arg), context);
  }
}

/// The tuple type `bind(item)` returns, without references.
template <class Bind, class Item>
using bound_tuple_t = std::remove_cvref_t<std::invoke_result_t<Bind&, const Item&>>;

}  // namespace soong::detail
