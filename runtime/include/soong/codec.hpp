#pragma once
// The binary codec contract: how a C++ type becomes PostgreSQL's binary wire format and back.
//
// Every supported type T has a specialisation `soong::codec<T>` with:
//   static oid_t type_oid(type_registry*);   wire type used when the caller gives none (raw SQL
//                                             parameters, array elements, composite fields)
//   static oid_t array_oid(type_registry*);  the matching T[] type
//   static bool accepts(oid_t);               whether a value of that wire type decodes as T
//   static void encode(const T&, detail::byte_buffer&, const encode_context&);
//   static T decode(const char* bytes, int length, const decode_context&);
// and optionally `static const char* borrow(const T&, oid_t target, int& length)` to pass the
// caller's bytes to libpq without copying (text, bytea). NULL never reaches a codec: callers
// handle std::optional (see is_optional). Generated enums and composite structs get codecs
// through soong::enum_traits / soong::composite_traits.

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "soong/detail/byte_buffer.hpp"
#include "soong/oid.hpp"

namespace soong {

class type_registry;
class result;

/// What an encoder may know about its target.
struct encode_context {
  /// The PostgreSQL type being sent (parameter, array element or composite field type); 0 when
  /// unknown, then the codec's type_oid() applies.
  oid_t target_oid = 0;
  /// The connection's user-type registry; null outside a connection (user types then throw).
  type_registry* types = nullptr;
};

/// Where a decoded value comes from, for the wire type and for error messages.
struct decode_context {
  oid_t oid = 0;                  ///< the value's wire type (PQftype, array element or field)
  const result* owner = nullptr;  ///< names the query and column in errors; may be null
  int row = 0;
  int column = 0;
};

/// Where a compile error about an unmapped C++ type sends the reader: the one wording of that
/// advice, spliced into every such static_assert (a static_assert message must be a string
/// literal, so this is a macro, not a constant).
#define SOONG_TYPE_MAPPING_ADVICE                                                        \
  "see the type mapping in soong's README.md or docs/design.md; enums and structs need " \
  "soong::enum_traits/composite_traits; nlohmann::json needs <soong/codec_json.hpp>"

/// Primary template: no codec. A compile error mentioning this means T is not a supported
/// PostgreSQL mapping (SOONG_TYPE_MAPPING_ADVICE).
template <class T, class Enable = void>
struct codec;

/// True for std::optional<T>.
template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

/// T without one std::optional layer.
template <class T>
struct unwrap_optional {
  using type = T;
};
template <class T>
struct unwrap_optional<std::optional<T>> {
  using type = T;
};
template <class T>
using unwrap_optional_t = typename unwrap_optional<T>::type;

/// T has a soong codec (ignoring one std::optional layer).
template <class T>
concept has_codec = requires(const char* p, const decode_context& ctx) {
  {codec<unwrap_optional_t<T>>::decode(p, 0, ctx)};
};

namespace detail {
// The messages are string_views: codecs are inlined into every generated row reader and
// parameter encoder, and a std::string built from a literal there is code (and a cleanup path)
// at every call site.

/// Throws soong::schema_mismatch naming the query and column of `ctx`.
[[noreturn]] void throw_decode_error(const decode_context& ctx, std::string_view message);
/// Throws soong::schema_mismatch: the column's type (`ctx.oid`) does not decode as the C++
/// type asked for.
[[noreturn]] void throw_column_type_mismatch(const decode_context& ctx);
/// Throws soong::unexpected_null naming the query and column of `ctx` (`what`, when not empty,
/// says which part of the value, e.g. "array element 3").
[[noreturn]] void throw_unexpected_null(const decode_context& ctx, std::string_view what = {});
/// Throws soong::error("<message>") for values that cannot be encoded.
[[noreturn]] void throw_encode_error(std::string_view message);
/// "int4 (oid 23)"-style name of a built-in type, or "oid N".
[[nodiscard]] std::string builtin_type_name(oid_t oid);
/// "int4" for a built-in type soong maps (all in pg_catalog), else null.
[[nodiscard]] const char* builtin_type_label(oid_t oid) noexcept;

/// Throws soong::schema_mismatch: a fixed-size value arrived with the wrong length.
[[noreturn]] void throw_length_error(const decode_context& ctx, int length, int wanted);

/// Checks a value's length for fixed-size types. Runs for every fixed-size value decoded, so the
/// message is built out of line and this stays small enough to inline.
inline void expect_length(const decode_context& ctx, int length, int wanted) {
  if (length != wanted) [[unlikely]] {
    throw_length_error(ctx, length, wanted);
  }
}
}  // namespace detail

}  // namespace soong
