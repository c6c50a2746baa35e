#pragma once
// Building blocks for values nested inside arrays and composites: each is a big-endian int32
// length (-1 for NULL) followed by the value's bytes; std::optional maps to NULL.

#include <cstdint>
#include <string>

#include "soong/codec.hpp"

namespace soong {

/// std::optional<T> has T's codec; NULL itself is handled by whoever holds the value.
template <class T>
struct codec<std::optional<T>> : codec<T> {};

namespace detail {

/// Appends `length, bytes` (or -1 for an empty optional) encoded for `target_oid`.
template <class T>
void encode_nested(const T& value, byte_buffer& out, const encode_context& ctx) {
  if constexpr (is_optional<T>) {
    if (!value) {
      out.append_be(std::int32_t{-1});
      return;
    }
    encode_nested(*value, out, ctx);
  } else {
    const std::size_t at = out.size();
    out.append_be(std::int32_t{0});
    codec<T>::encode(value, out, ctx);
    const std::size_t length = out.size() - at - 4;
    if (length > 0x3FFFFFFF) throw_encode_error("value larger than 1 GB");
    out.patch_be32(at, static_cast<std::int32_t>(length));
  }
}

/// Reads bytes safely from a nested binary value.
class wire_reader {
 public:
  wire_reader(const char* p, int length, const decode_context& ctx)
      : p_(p), end_(p + length), ctx_(ctx) {}

  template <class Int>
  Int read() {
    need(sizeof(Int));
    const Int v = load_be<Int>(p_);
    p_ += sizeof(Int);
    return v;
  }
  /// Reads `length, bytes` and decodes T (NULL: std::nullopt, or unexpected_null naming
  /// `kind` and the 1-based index, e.g. "array element 3").
  template <class T>
  T read_value(oid_t oid, const char* kind, int index) {
    const auto length = read<std::int32_t>();
    if (length < 0) {
      if constexpr (is_optional<T>) {
        return std::nullopt;
      } else {
        throw_unexpected_null(ctx_, std::string(kind) + " " + std::to_string(index + 1));
      }
    }
    need(static_cast<std::size_t>(length));
    decode_context inner = ctx_;
    inner.oid = oid;
    const char* value = p_;
    p_ += length;
    return codec<unwrap_optional_t<T>>::decode(value, length, inner);
  }
  [[nodiscard]] bool at_end() const noexcept { return p_ == end_; }
  [[nodiscard]] const decode_context& context() const noexcept { return ctx_; }

 private:
  void need(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) throw_decode_error(ctx_, "truncated binary value");
  }
  const char* p_;
  const char* end_;
  const decode_context& ctx_;
};

}  // namespace detail
}  // namespace soong
