#pragma once
// Codecs for generated enums (sent and read as their labels) and composite structs (record
// format: field count, then per field its type OID and `length, bytes`). Both resolve their
// OIDs by name on each connection through the type registry.

#include <cstdint>
#include <string>
#include <tuple>
#include <utility>

#include "soong/codec_nested.hpp"
#include "soong/composite_traits.hpp"
#include "soong/enum_traits.hpp"
#include "soong/type_registry.hpp"

namespace soong {

namespace detail {
/// The registry, or an error naming the user type that needed it.
inline type_registry& registry_for(type_registry* types, std::string_view name) {
  if (types == nullptr) {
    throw_encode_error("type " + std::string(name) + " needs a connection to resolve its OID");
  }
  return *types;
}
}  // namespace detail

/// Generated `enum class` ↔ PostgreSQL enum (by label).
template <pg_enum Enum>
struct codec<Enum> {
  using traits = enum_traits<Enum>;

  static oid_t type_oid(type_registry* types) { return info(types).oid; }
  static oid_t array_oid(type_registry* types) { return info(types).array_oid; }
  // Enum OIDs vary per database; the generated code's per-connection check vets them.
  static constexpr bool accepts(oid_t oid) noexcept { return oid >= oids::first_normal_object; }

  static void encode(Enum value, detail::byte_buffer& out, const encode_context&) {
    const std::string_view label = enum_label(value);
    if (label.empty()) {
      detail::throw_encode_error("value " + std::to_string(static_cast<long long>(value)) +
                                 " has no label in enum " + std::string(traits::name));
    }
    out.append(label.data(), label.size());
  }
  static Enum decode(const char* p, int length, const decode_context& ctx) {
    const std::string_view label(p, static_cast<std::size_t>(length));
    Enum value{};
    if (!enum_from_label(label, value)) {
      detail::throw_decode_error(
          ctx, "label '" + std::string(label) + "' is not in enum " + std::string(traits::schema) +
                   "." + std::string(traits::name) + " as generated (was the enum changed?)");
    }
    return value;
  }

 private:
  static const user_type& info(type_registry* types) {
    return detail::registry_for(types, traits::name).lookup(traits::schema, traits::name);
  }
};

/// Generated struct ↔ PostgreSQL composite type.
template <pg_composite Struct>
struct codec<Struct> {
  using traits = composite_traits<Struct>;
  static constexpr std::size_t field_count =
      std::tuple_size_v<std::remove_cvref_t<decltype(traits::fields)>>;

  static oid_t type_oid(type_registry* types) { return info(types).oid; }
  static oid_t array_oid(type_registry* types) { return info(types).array_oid; }
  static constexpr bool accepts(oid_t oid) noexcept { return oid >= oids::first_normal_object; }

  static void encode(const Struct& value, detail::byte_buffer& out, const encode_context& ctx) {
    const user_type& type = info(ctx.types);
    if (type.attributes.size() != field_count) {
      detail::throw_encode_error("composite " + type.schema + "." + type.name + " has " +
                                 std::to_string(type.attributes.size()) +
                                 " attributes, the generated struct " +
                                 std::to_string(field_count));
    }
    out.append_be(static_cast<std::int32_t>(field_count));
    encode_fields(value, out, ctx, type, std::make_index_sequence<field_count>{});
  }

  static Struct decode(const char* p, int length, const decode_context& ctx) {
    detail::wire_reader in(p, length, ctx);
    const auto count = in.read<std::int32_t>();
    if (count != static_cast<std::int32_t>(field_count)) {
      detail::throw_decode_error(ctx, "composite " + std::string(traits::name) + " has " +
                                          std::to_string(count) + " fields, generated struct " +
                                          std::to_string(field_count));
    }
    Struct value{};
    decode_fields(value, in, std::make_index_sequence<field_count>{});
    return value;
  }

 private:
  static const user_type& info(type_registry* types) {
    return detail::registry_for(types, traits::name).lookup(traits::schema, traits::name);
  }

  template <std::size_t... I>
  static void encode_fields(const Struct& value, detail::byte_buffer& out,
                            const encode_context& ctx, const user_type& type,
                            std::index_sequence<I...>) {
    (encode_field(value.*std::get<I>(traits::fields), out, ctx, type.attributes[I]), ...);
  }
  template <class Field>
  static void encode_field(const Field& field, detail::byte_buffer& out, const encode_context& ctx,
                           oid_t attribute_oid) {
    // record_recv rejects a field whose OID differs from the attribute's declared type.
    out.append_be(static_cast<std::int32_t>(attribute_oid));
    detail::encode_nested(field, out, encode_context{attribute_oid, ctx.types});
  }

  template <std::size_t... I>
  static void decode_fields(Struct& value, detail::wire_reader& in, std::index_sequence<I...>) {
    (decode_field(value.*std::get<I>(traits::fields), in, static_cast<int>(I)), ...);
  }
  template <class Field>
  static void decode_field(Field& field, detail::wire_reader& in, int index) {
    const auto oid = static_cast<oid_t>(in.read<std::int32_t>());
    if (!codec<unwrap_optional_t<Field>>::accepts(oid)) {
      detail::throw_decode_error(in.context(), "composite field " + std::to_string(index + 1) +
                                                   " is " + detail::builtin_type_name(oid) +
                                                   ", which does not decode as its C++ type");
    }
    field = in.template read_value<Field>(oid, "composite field", index);
  }
};

}  // namespace soong
