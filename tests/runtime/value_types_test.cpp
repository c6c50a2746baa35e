// soong's value types and their text/JSON forms, without a server.

#include <gtest/gtest.h>

#include <soong/soong.hpp>

namespace {

using namespace std::chrono_literals;

// Which C++ types have a codec (misuse is a compile-time error with a readable message).
enum class unmapped_enum { a };
struct unmapped_struct {
  int x;
};
static_assert(soong::has_codec<std::int64_t>);
static_assert(soong::has_codec<std::optional<soong::uuid>>);
static_assert(soong::has_codec<std::vector<std::optional<std::string>>>);
static_assert(soong::has_codec<soong::bytea>);
static_assert(soong::has_codec<nlohmann::json>);
static_assert(soong::has_codec<soong::timestamptz>);
static_assert(!soong::has_codec<unsigned int>);
static_assert(!soong::has_codec<char>);
static_assert(!soong::has_codec<unmapped_enum>);
static_assert(!soong::has_codec<unmapped_struct>);

TEST(uuid, parses_and_formats_canonically) {
  const auto u = soong::uuid::parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11");
  EXPECT_EQ(u.to_string(), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(soong::uuid::parse("{a0eebc999c0b4ef8bb6d6bb9bd380a11}"), u);
  EXPECT_EQ(static_cast<int>(u.bytes[0]), 0xa0);
  EXPECT_EQ(static_cast<int>(u.bytes[15]), 0x11);
}

TEST(uuid, rejects_malformed_text) {
  for (const char* bad : {"", "a0eebc99", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g",
                          "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1122", "a0ee-bc99-9c0b-4ef8-bb6d"}) {
    EXPECT_THROW((void)soong::uuid::parse(bad), soong::error) << bad;
  }
}

TEST(numeric, validates_and_normalises_special_values) {
  EXPECT_EQ(soong::numeric("-12.50").str(), "-12.50");
  EXPECT_EQ(soong::numeric("nan").str(), "NaN");
  EXPECT_EQ(soong::numeric("-inf").str(), "-Infinity");
  EXPECT_TRUE(soong::numeric("Infinity").is_infinite());
  EXPECT_EQ(soong::numeric(std::int64_t{-42}).str(), "-42");
  for (const char* bad : {"", "-", "1.2.3", "1e", "abc", "1 ", "0x10"}) {
    EXPECT_THROW(soong::numeric{bad}, soong::error) << bad;
  }
}

/// Encodes then decodes in-process (the server-side checks are in codec_test.cpp).
std::string numeric_round_trip(std::string_view text) {
  soong::detail::byte_buffer out;
  soong::detail::encode_numeric(text, out);
  return soong::detail::decode_numeric(out.data(), static_cast<int>(out.size()), {});
}

TEST(numeric, binary_form_round_trips_in_process) {
  EXPECT_EQ(numeric_round_trip("0"), "0");
  EXPECT_EQ(numeric_round_trip("0.000"), "0.000");
  EXPECT_EQ(numeric_round_trip("12345.6789"), "12345.6789");
  EXPECT_EQ(numeric_round_trip("-0.00001"), "-0.00001");
  EXPECT_EQ(numeric_round_trip("1e3"), "1000");
  EXPECT_EQ(numeric_round_trip("1.5e-3"), "0.0015");
  EXPECT_EQ(numeric_round_trip("100000000"), "100000000");
  EXPECT_EQ(numeric_round_trip("007.10"), "7.10");
}

TEST(iso8601, renders_and_parses_dates_and_times) {
  const soong::date d = std::chrono::sys_days(std::chrono::year{1969} / 12 / 31);
  EXPECT_EQ(soong::to_iso8601(d), "1969-12-31");
  EXPECT_EQ(soong::parse_date("1969-12-31"), d);
  EXPECT_EQ(soong::to_iso8601(soong::infinity<soong::date>()), "infinity");
  const soong::timestamptz t =
      std::chrono::sys_days(std::chrono::year{2038} / 1 / 19) + 3h + 14min + 8s + 250ms;
  EXPECT_EQ(soong::to_iso8601(t), "2038-01-19T03:14:08.25Z");
  EXPECT_EQ(soong::parse_timestamptz("2038-01-19T05:14:08.25+02:00"), t);
  EXPECT_EQ(soong::to_iso8601(soong::time_of_day(13h + 45min)), "13:45:00");
  EXPECT_THROW((void)soong::parse_date("2024-13-01"), soong::error);
}

TEST(base64, round_trips_every_length) {
  soong::bytea bytes;
  for (int n = 0; n < 8; ++n) {
    EXPECT_EQ(soong::from_base64(soong::to_base64(bytes)), bytes);
    bytes.push_back(static_cast<std::byte>(250 - n));
  }
  const std::string text = "hi";
  EXPECT_EQ(soong::to_base64(std::as_bytes(std::span(text))), "aGk=");
  EXPECT_THROW((void)soong::from_base64("a=bc"), soong::error);
}

TEST(json, serializes_value_types) {
  nlohmann::json j;
  j["id"] = soong::uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  j["price"] = soong::numeric("12.50");
  j["day"] = soong::date(std::chrono::sys_days(std::chrono::year{2024} / 2 / 29));
  j["span"] = soong::interval{.months = 14, .days = 3, .time = 5s};
  j["blob"] = soong::bytea{std::byte{0}, std::byte{255}};
  EXPECT_EQ(j.dump(),
            R"({"blob":"AP8=","day":"2024-02-29","id":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",)"
            R"("price":"12.50","span":{"days":3,"microseconds":5000000,"months":14}})");
  EXPECT_EQ(j["span"].get<soong::interval>(), (soong::interval{14, 3, 5s}));
  EXPECT_EQ(j["blob"].get<soong::bytea>(), (soong::bytea{std::byte{0}, std::byte{255}}));
  EXPECT_EQ(j["price"].get<soong::numeric>(), soong::numeric("12.50"));
}

TEST(environment, database_url_wins_then_pg_underscore_names) {
  ::setenv("DATABASE_URL", "postgresql://u@h/db", 1);
  ::setenv("PG_HOST", "ignored", 1);
  EXPECT_EQ(soong::conninfo_from_environment(), "postgresql://u@h/db");
  ::unsetenv("DATABASE_URL");
  ::setenv("PG_DBNAME", "it's", 1);
  ::setenv("PG_PASSWORD", "p\\w", 1);
  EXPECT_EQ(soong::conninfo_from_environment(), R"(host='ignored' dbname='it\'s' password='p\\w')");
  ::unsetenv("PG_HOST");
  ::unsetenv("PG_DBNAME");
  ::unsetenv("PG_PASSWORD");
  EXPECT_EQ(soong::conninfo_from_environment(), "");
}

}  // namespace
