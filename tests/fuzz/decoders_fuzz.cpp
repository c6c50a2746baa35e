// Fuzz target: every binary decoder of the runtime on arbitrary bytes, and the text parsers that
// read the same types back from JSON. The first input byte picks the C++ type and wire OID; the
// rest is the value as the server would send it. A decoder must return a value or throw
// soong::error (any other exception, a crash or a sanitizer report is a failure). Decoded values
// are then rendered (json_writer, nlohmann serializers, ISO 8601), which must not fail either.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <soong/soong.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {
enum class mood { sad, ok, happy };
struct address {
  std::string street;
  std::optional<std::int32_t> zip;
  mood m{};
  std::vector<std::optional<soong::numeric>> amounts;
};
}  // namespace fuzz

template <>
struct soong::enum_traits<fuzz::mood> {
  static constexpr std::string_view schema = "public";
  static constexpr std::string_view name = "mood";
  static constexpr std::pair<fuzz::mood, std::string_view> values[] = {
      {fuzz::mood::sad, "sad"}, {fuzz::mood::ok, "ok"}, {fuzz::mood::happy, "happy"}};
};

template <>
struct soong::composite_traits<fuzz::address> {
  static constexpr std::string_view schema = "public";
  static constexpr std::string_view name = "address";
  static constexpr auto fields = std::make_tuple(&fuzz::address::street, &fuzz::address::zip,
                                                 &fuzz::address::m, &fuzz::address::amounts);
};

namespace {

using soong::oid_t;
namespace oids = soong::oids;

constexpr oid_t user_type_oid = 16385;  // any OID a user type could have

void render(soong::json_writer& w, const fuzz::address& a) {
  w.begin_object();
  w.member("street", a.street);
  w.member("zip", a.zip);
  w.member("m", a.m);
  w.member("amounts", a.amounts);
  w.end_object();
}

/// Decodes `bytes` as T arriving with wire type `oid`, then renders the value.
template <class T>
void decode_as(oid_t oid, std::string_view bytes) {
  const soong::decode_context ctx{.oid = oid};
  const T value = soong::codec<T>::decode(bytes.data(), static_cast<int>(bytes.size()), ctx);
  soong::json_writer w;
  if constexpr (std::is_same_v<T, fuzz::address>) {
    render(w, value);
  } else if constexpr (std::is_same_v<T, std::vector<fuzz::address>>) {
    w.begin_array();
    for (const auto& a : value) render(w, a);
    w.end_array();
  } else {
    w.value(value);
  }
  static_cast<void>(w.take());
}

/// Parses `text` the way generated from_json reads the type back from JSON, and renders it.
template <class T>
void from_json_text(std::string_view text) {
  const T value = nlohmann::json(std::string(text)).get<T>();
  soong::json_writer w;
  w.value(value);
  static_cast<void>(w.take());
}

using decoder = void (*)(std::string_view);

template <class T, oid_t Oid>
void decode(std::string_view bytes) {
  decode_as<T>(Oid, bytes);
}

constexpr decoder decoders[] = {
    decode<bool, oids::bool_>,
    decode<std::int16_t, oids::int2>,
    decode<std::int32_t, oids::int4>,
    decode<std::int64_t, oids::int8>,
    decode<float, oids::float4>,
    decode<double, oids::float8>,
    decode<std::string, oids::text>,
    decode<std::string, oids::jsonb>,
    decode<std::string_view, oids::jsonb>,
    decode<soong::bytea, oids::bytea>,
    decode<soong::numeric, oids::numeric>,
    decode<soong::uuid, oids::uuid>,
    decode<soong::date, oids::date>,
    decode<soong::time_of_day, oids::time>,
    decode<soong::local_timestamp, oids::timestamp>,
    decode<soong::timestamptz, oids::timestamptz>,
    decode<soong::interval, oids::interval>,
    decode<nlohmann::json, oids::json>,
    decode<nlohmann::json, oids::jsonb>,
    decode<fuzz::mood, user_type_oid>,
    decode<fuzz::address, user_type_oid>,
    decode<std::vector<std::int32_t>, oids::int4_array>,
    decode<std::vector<std::optional<std::int64_t>>, oids::int8_array>,
    decode<std::vector<std::optional<std::string>>, oids::text_array>,
    decode<std::vector<soong::numeric>, oids::numeric_array>,
    decode<std::vector<std::optional<soong::numeric>>, oids::numeric_array>,
    decode<std::vector<soong::uuid>, oids::uuid_array>,
    decode<std::vector<std::optional<soong::timestamptz>>, oids::timestamptz_array>,
    decode<std::vector<soong::interval>, oids::interval_array>,
    decode<std::vector<soong::date>, oids::date_array>,
    decode<std::vector<nlohmann::json>, oids::jsonb_array>,
    decode<std::vector<soong::bytea>, oids::bytea_array>,
    decode<std::vector<std::optional<fuzz::mood>>, user_type_oid>,
    decode<std::vector<fuzz::address>, user_type_oid>,
    // Text forms (JSON values read back by generated from_json, numeric/uuid from text).
    from_json_text<soong::date>,
    from_json_text<soong::time_of_day>,
    from_json_text<soong::local_timestamp>,
    from_json_text<soong::timestamptz>,
    from_json_text<soong::uuid>,
    from_json_text<soong::numeric>,
    from_json_text<soong::bytea>,
    from_json_text<soong::interval>,
    [](std::string_view text) {
      const soong::numeric n(text);
      soong::detail::byte_buffer out;
      soong::codec<soong::numeric>::encode(n, out, {});
      static_cast<void>(soong::codec<soong::numeric>::decode(
          out.data(), static_cast<int>(out.size()), {.oid = oids::numeric}));
    },
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  constexpr std::size_t count = sizeof decoders / sizeof decoders[0];
  const decoder run = decoders[data[0] % count];
  // A copy of exactly the value's bytes, so that reading one byte past them is an ASan report.
  const std::vector<char> bytes(data + 1, data + size);
  try {
    run(std::string_view(bytes.data(), bytes.size()));
  } catch (const soong::error&) {
    // The typed error a bad value must give.
  }
  return 0;
}
