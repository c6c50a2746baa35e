// soong's value types and their text/JSON forms, without a server.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
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
  EXPECT_EQ(soong::to_iso8601(t), "2038-01-19T03:14:08.25+00:00");
  EXPECT_EQ(soong::parse_timestamptz("2038-01-19T03:14:08.25+00:00"), t);
  EXPECT_EQ(soong::parse_timestamptz("2038-01-19T03:14:08.25Z"), t);  // soong's older form
  EXPECT_EQ(soong::parse_timestamptz("2038-01-19T05:14:08.25+02:00"), t);
  EXPECT_EQ(soong::parse_timestamptz("2038-01-19T03:15:23.25+00:01:15"), t);  // local mean time
  EXPECT_EQ(soong::to_iso8601(soong::time_of_day(13h + 45min)), "13:45:00");
  EXPECT_EQ(soong::to_iso8601(soong::time_of_day(24h)), "24:00:00");
  EXPECT_THROW((void)soong::parse_date("2024-13-01"), soong::error);
}

TEST(iso8601, years_before_1_ad_are_written_as_the_server_writes_them) {
  // 1 BC is the proleptic Gregorian year 0: PostgreSQL writes it 0001 ... BC, era last.
  const soong::date one_bc = std::chrono::sys_days(std::chrono::year{0} / 1 / 1);
  EXPECT_EQ(soong::to_iso8601(one_bc), "0001-01-01 BC");
  const soong::date ides = std::chrono::sys_days(std::chrono::year{-43} / 3 / 15);
  EXPECT_EQ(soong::to_iso8601(ides), "0044-03-15 BC");
  EXPECT_EQ(soong::parse_date("0044-03-15 BC"), ides);
  EXPECT_EQ(soong::parse_date("-0043-03-15"), ides);  // soong's older (astronomical) form
  const soong::timestamptz noon = soong::timestamptz(ides) + 12h + 500ms;
  EXPECT_EQ(soong::to_iso8601(noon), "0044-03-15T12:00:00.5+00:00 BC");
  EXPECT_EQ(soong::parse_timestamptz("0044-03-15T12:00:00.5+00:00 BC"), noon);
  EXPECT_EQ(soong::parse_timestamptz("-0043-03-15T12:00:00.5Z"), noon);
  const soong::local_timestamp local = soong::local_timestamp(noon.time_since_epoch());
  EXPECT_EQ(soong::to_iso8601(local), "0044-03-15T12:00:00.5 BC");
  EXPECT_EQ(soong::parse_local_timestamp("0044-03-15T12:00:00.5 BC"), local);
  EXPECT_THROW((void)soong::parse_date("0000-01-01 BC"), soong::error);
  EXPECT_THROW((void)soong::parse_date("-0001-01-01 BC"), soong::error);
}

TEST(postgres_text, floats_as_the_server_prints_them) {
  EXPECT_EQ(soong::to_postgres_text(0.1), "0.1");
  EXPECT_EQ(soong::to_postgres_text(2.0), "2");
  EXPECT_EQ(soong::to_postgres_text(-0.0), "-0");
  EXPECT_EQ(soong::to_postgres_text(1e15), "1e+15");
  EXPECT_EQ(soong::to_postgres_text(123456789012345.0), "123456789012345");
  EXPECT_EQ(soong::to_postgres_text(0.0001), "0.0001");
  EXPECT_EQ(soong::to_postgres_text(0.00001), "1e-05");
  EXPECT_EQ(soong::to_postgres_text(1.5e-7), "1.5e-07");
  EXPECT_EQ(soong::to_postgres_text(5e-324), "5e-324");
  EXPECT_EQ(soong::to_postgres_text(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(soong::to_postgres_text(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_EQ(soong::to_postgres_text(0.1f), "0.1");
  EXPECT_EQ(soong::to_postgres_text(123456.0f), "123456");
  EXPECT_EQ(soong::to_postgres_text(1e6f), "1e+06");
  EXPECT_EQ(soong::to_postgres_text(16777216.0f), "1.6777216e+07");
  EXPECT_EQ(soong::to_postgres_text(std::numeric_limits<float>::infinity()), "Infinity");
}

TEST(postgres_text, intervals_read_back) {
  for (const soong::interval v :
       {soong::interval{14, 3, 5s}, soong::interval{0, -1, 2h + 500ms}, soong::interval{},
        soong::interval{-2136000005, -3, -(1h + 2min + 3s)}, soong::interval{0, 0, -1us},
        soong::interval{0, 0, 36h}, soong::interval{1, 1, 0s}}) {
    EXPECT_EQ(soong::parse_interval(soong::to_postgres_text(v)), v) << soong::to_postgres_text(v);
  }
  EXPECT_EQ(soong::parse_interval("-1 days +02:00:00.5"), (soong::interval{0, -1, 2h + 500ms}));
  for (const char* bad : {"", "1 fortnight", "1 day 2", "00:00", "1:00:00 1 day", "x days",
                          "--1 days", "00:-1:00", "+-01:00:00", "00:00:00.1234567"}) {
    EXPECT_THROW((void)soong::parse_interval(bad), soong::error) << bad;
  }
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
  j["nan"] = soong::numeric("NaN");
  j["seconds"] = std::optional<float>(0.1f);
  j["missing"] = std::optional<double>(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(j.dump(),
            R"({"blob":"\\x00ff","day":"2024-02-29","id":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",)"
            R"("missing":"NaN","nan":"NaN","price":12.5,"seconds":0.1,)"
            R"("span":"1 year 2 mons 3 days 00:00:05"})");
  EXPECT_EQ(j["span"].get<soong::interval>(), (soong::interval{14, 3, 5s}));
  EXPECT_EQ(j["blob"].get<soong::bytea>(), (soong::bytea{std::byte{0}, std::byte{255}}));
  EXPECT_EQ(j["price"].get<soong::numeric>(), soong::numeric("12.5"));
  EXPECT_EQ(j["nan"].get<soong::numeric>(), soong::numeric("NaN"));
  EXPECT_EQ(j["seconds"].get<std::optional<float>>(), 0.1f);
  EXPECT_TRUE(std::isnan(j["missing"].get<std::optional<double>>().value()));
}

TEST(json, reads_the_forms_soong_wrote_before) {
  const auto j = nlohmann::json::parse(
      R"({"span":{"days":3,"microseconds":5000000,"months":14},"blob":"AP8=","price":"12.50",)"
      R"("at":"2038-01-19T03:14:08.25Z","day":"0000-01-01"})");
  EXPECT_EQ(j["span"].get<soong::interval>(), (soong::interval{14, 3, 5s}));
  EXPECT_EQ(j["blob"].get<soong::bytea>(), (soong::bytea{std::byte{0}, std::byte{255}}));
  EXPECT_EQ(j["price"].get<soong::numeric>(), soong::numeric("12.50"));
  EXPECT_EQ(soong::to_iso8601(j["at"].get<soong::timestamptz>()), "2038-01-19T03:14:08.25+00:00");
  EXPECT_EQ(soong::to_iso8601(j["day"].get<soong::date>()), "0001-01-01 BC");
  EXPECT_THROW((void)soong::parse_bytea("\\x0"), soong::error);
  EXPECT_THROW((void)soong::parse_bytea("\\xzz"), soong::error);
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
