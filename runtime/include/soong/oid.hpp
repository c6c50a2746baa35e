#pragma once
// PostgreSQL type OIDs of the built-in types soong maps (from pg_type.dat; stable across
// databases and versions). User-defined types have per-database OIDs and are resolved by name
// (see type_registry.hpp).

#include <cstdint>

namespace soong {

/// A PostgreSQL object identifier (same width as libpq's `Oid`).
using oid_t = unsigned int;

/// OIDs of built-in types; `_array` names are the matching one-dimensional array types.
namespace oids {
inline constexpr oid_t bool_ = 16, bytea = 17, name = 19, int8 = 20, int2 = 21, int4 = 23,
                       text = 25, json = 114, float4 = 700, float8 = 701, unknown = 705,
                       bpchar = 1042, varchar = 1043, date = 1082, time = 1083, timestamp = 1114,
                       timestamptz = 1184, interval = 1186, numeric = 1700, uuid = 2950,
                       jsonb = 3802;
inline constexpr oid_t bool_array = 1000, bytea_array = 1001, name_array = 1003, int2_array = 1005,
                       int4_array = 1007, text_array = 1009, bpchar_array = 1014,
                       varchar_array = 1015, int8_array = 1016, float4_array = 1021,
                       float8_array = 1022, date_array = 1182, time_array = 1183,
                       timestamp_array = 1115, timestamptz_array = 1185, interval_array = 1187,
                       numeric_array = 1231, uuid_array = 2951, json_array = 199,
                       jsonb_array = 3807;
/// OIDs at or above this belong to objects created after initdb (user types, extensions).
inline constexpr oid_t first_normal_object = 16384;
}  // namespace oids

/// Element type of a built-in array type, or 0 when `array_oid` is not one soong knows.
[[nodiscard]] constexpr oid_t builtin_element_of(oid_t array_oid) noexcept {
  switch (array_oid) {
    case oids::bool_array:
      return oids::bool_;
    case oids::bytea_array:
      return oids::bytea;
    case oids::name_array:
      return oids::name;
    case oids::int2_array:
      return oids::int2;
    case oids::int4_array:
      return oids::int4;
    case oids::text_array:
      return oids::text;
    case oids::bpchar_array:
      return oids::bpchar;
    case oids::varchar_array:
      return oids::varchar;
    case oids::int8_array:
      return oids::int8;
    case oids::float4_array:
      return oids::float4;
    case oids::float8_array:
      return oids::float8;
    case oids::date_array:
      return oids::date;
    case oids::time_array:
      return oids::time;
    case oids::timestamp_array:
      return oids::timestamp;
    case oids::timestamptz_array:
      return oids::timestamptz;
    case oids::interval_array:
      return oids::interval;
    case oids::numeric_array:
      return oids::numeric;
    case oids::uuid_array:
      return oids::uuid;
    case oids::json_array:
      return oids::json;
    case oids::jsonb_array:
      return oids::jsonb;
    default:
      return 0;
  }
}

}  // namespace soong
