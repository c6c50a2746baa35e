// Every codec against a real PostgreSQL 15, three ways per value:
//   1. binary round trip         SELECT $1::T            (we encode, we decode)
//   2. server renders our bytes  SELECT ($1::T)::text    == PostgreSQL's own text form
//   3. server parses the text    SELECT $1::text::T      decodes to the same C++ value

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "runtime_fixture.hpp"

namespace {

using namespace std::chrono_literals;
using soong::test::single;

class codec_test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    conn_ = std::make_unique<soong::connection>(soong::testing::conninfo());
    soong::execute_script(*conn_, "SET TimeZone = 'UTC'; SET IntervalStyle = 'postgres'");
  }
  static void TearDownTestSuite() { conn_.reset(); }

  template <class T, class Equal = std::equal_to<>>
  void check(std::string_view type, const T& value, std::string_view text, Equal equal = {}) {
    soong::connection& c = *conn_;
    const std::string round_trip = "SELECT $1::" + std::string(type);
    const std::string to_text = "SELECT ($1::" + std::string(type) + ")::text";
    const std::string from_text = "SELECT $1::text::" + std::string(type);
    EXPECT_TRUE(equal(single<T>(soong::execute_sql(c, round_trip, value)), value))
        << type << " round trip of " << text;
    EXPECT_EQ(single<std::string>(soong::execute_sql(c, to_text, value)), text) << type;
    EXPECT_TRUE(equal(single<T>(soong::execute_sql(c, from_text, std::string_view(text))), value))
        << type << " decoded from server's parse of " << text;
  }

  static std::unique_ptr<soong::connection> conn_;
};
std::unique_ptr<soong::connection> codec_test::conn_;

TEST_F(codec_test, bool_) {
  check("bool", true, "true");
  check("bool", false, "false");
}

TEST_F(codec_test, integers_at_their_limits) {
  check("int2", std::numeric_limits<std::int16_t>::min(), "-32768");
  check("int2", std::numeric_limits<std::int16_t>::max(), "32767");
  check("int4", std::numeric_limits<std::int32_t>::min(), "-2147483648");
  check("int4", std::int32_t{0}, "0");
  check("int8", std::numeric_limits<std::int64_t>::min(), "-9223372036854775808");
  check("int8", std::numeric_limits<std::int64_t>::max(), "9223372036854775807");
}

TEST_F(codec_test, floats_with_nan_and_infinities) {
  const auto same = [](auto a, auto b) { return (std::isnan(a) && std::isnan(b)) || a == b; };
  check("float8", 1.5, "1.5", same);
  check("float8", std::numeric_limits<double>::quiet_NaN(), "NaN", same);
  check("float8", std::numeric_limits<double>::infinity(), "Infinity", same);
  check("float8", -std::numeric_limits<double>::infinity(), "-Infinity", same);
  check("float8", std::numeric_limits<double>::lowest(), "-1.7976931348623157e+308", same);
  check("float4", 0.25f, "0.25", same);
  check("float4", -std::numeric_limits<float>::infinity(), "-Infinity", same);
  check("float4", std::numeric_limits<float>::quiet_NaN(), "NaN", same);
}

TEST_F(codec_test, numeric_exactly) {
  for (const char* text :
       {"0", "0.000", "1.50", "-12345678901234567890.000000000000000001", "0.00001", "10000",
        "99990000", "-0.5", "NaN", "Infinity", "-Infinity", "123456789012345678901234567890"}) {
    check("numeric", soong::numeric(text), text);
  }
  // Exponent input is normalised as PostgreSQL does it.
  EXPECT_EQ(single<soong::numeric>(
                soong::execute_sql(*conn_, "SELECT $1::numeric", soong::numeric("1.5e-3"))),
            soong::numeric("0.0015"));
}

TEST_F(codec_test, text_types) {
  check("text", std::string(""), "");
  check("text", std::string("grüße, 日本語, 🎉"), "grüße, 日本語, 🎉");
  check("varchar", std::string("v"), "v");
  check("name", std::string("pg_class"), "pg_class");
  // bpchar keeps its padding in binary; its cast to text strips it (PostgreSQL semantics).
  EXPECT_EQ(single<std::string>(soong::execute_sql(*conn_, "SELECT $1::bpchar(3)", "ab")), "ab ");
}

TEST_F(codec_test, bytea_with_nuls) {
  const soong::bytea bytes{std::byte{0}, std::byte{1}, std::byte{0}, std::byte{255}};
  check("bytea", bytes, "\\x000100ff");
  check("bytea", soong::bytea{}, "\\x");
}

TEST_F(codec_test, ten_megabyte_values) {
  const std::string big(10 * 1024 * 1024, 'x');
  const auto r = soong::execute_sql(*conn_, "SELECT $1::text, length($1)", std::string_view(big));
  EXPECT_EQ(r.get<std::string>(0, 0), big);
  EXPECT_EQ(r.get<std::int32_t>(0, 1), 10 * 1024 * 1024);
  soong::bytea blob(10 * 1024 * 1024);
  for (std::size_t i = 0; i < blob.size(); ++i) blob[i] = static_cast<std::byte>(i * 7);
  const auto b = soong::execute_sql(*conn_, "SELECT $1::bytea, length($1)", blob);
  EXPECT_EQ(b.get<soong::bytea>(0, 0), blob);
  EXPECT_EQ(b.get<std::int32_t>(0, 1), 10 * 1024 * 1024);
}

TEST_F(codec_test, uuid_) {
  check("uuid", soong::uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
}

TEST_F(codec_test, dates_before_1970_after_2038_and_infinite) {
  using std::chrono::year;
  check("date", soong::date(std::chrono::sys_days(year{1969} / 12 / 31)), "1969-12-31");
  check("date", soong::date(std::chrono::sys_days(year{2000} / 1 / 1)), "2000-01-01");
  check("date", soong::date(std::chrono::sys_days(year{2100} / 2 / 28)), "2100-02-28");
  check("date", soong::date(std::chrono::sys_days(year{-99} / 3 / 1)), "0100-03-01 BC");
  check("date", soong::infinity<soong::date>(), "infinity");
  check("date", soong::minus_infinity<soong::date>(), "-infinity");
}

TEST_F(codec_test, time_of_day) {
  check("time", soong::time_of_day(), "00:00:00");
  check("time", soong::time_of_day(23h + 59min + 59s + 999999us), "23:59:59.999999");
  check("time", soong::time_of_day(24h), "24:00:00");
  // Outside PostgreSQL's range the server refuses the value rather than wrapping it.
  for (const soong::time_of_day out_of_range :
       {soong::time_of_day(24h + 1us), soong::time_of_day(-1us)}) {
    try {
      (void)soong::execute_sql(*conn_, "SELECT $1::time", out_of_range);
      ADD_FAILURE() << "the server took " << out_of_range.since_midnight().count() << " us";
    } catch (const soong::sql_error& e) {
      EXPECT_EQ(e.sqlstate(), "22008") << e.what();
    }
  }
}

TEST_F(codec_test, timestamps) {
  using std::chrono::year;
  const auto at = [](std::chrono::sys_days d, std::chrono::microseconds t) {
    return soong::timestamptz(d + t);
  };
  check("timestamptz", at(year{1901} / 12 / 13, 20h + 45min + 52s), "1901-12-13 20:45:52+00");
  check("timestamptz", at(year{2038} / 1 / 19, 3h + 14min + 8s + 1us),
        "2038-01-19 03:14:08.000001+00");
  check("timestamptz", at(year{1969} / 12 / 31, 23h + 59min + 59s + 500ms),
        "1969-12-31 23:59:59.5+00");
  check("timestamptz", soong::infinity<soong::timestamptz>(), "infinity");
  check("timestamptz", soong::minus_infinity<soong::timestamptz>(), "-infinity");
  const soong::local_timestamp local{std::chrono::sys_days(year{2262} / 4 / 12).time_since_epoch() +
                                     std::chrono::microseconds(1h)};
  check("timestamp", local, "2262-04-12 01:00:00");
  check("timestamp", soong::minus_infinity<soong::local_timestamp>(), "-infinity");
}

TEST_F(codec_test, interval_keeps_months_days_and_time_apart) {
  check("interval", soong::interval{.months = 14, .days = 3, .time = 4h + 5min + 6s},
        "1 year 2 mons 3 days 04:05:06");
  check("interval", soong::interval{.months = -1, .days = 0, .time = -1us},
        "-1 mons -00:00:00.000001");
  check("interval", soong::interval{}, "00:00:00");
}

TEST_F(codec_test, json_and_jsonb) {
  const nlohmann::json doc = {{"a", 1}, {"b", {true, nullptr, "x"}}};
  check("jsonb", doc, R"({"a": 1, "b": [true, null, "x"]})");
  // execute_sql types nlohmann::json parameters as jsonb; a json parameter (no version byte)
  // needs a descriptor saying so.
  static constexpr soong::type_ref json_param[] = {{soong::oids::json, "pg_catalog", "json"}};
  static constexpr soong::statement json_echo{
      .name = "JsonEcho", .sql = "SELECT $1::text, $1", .params = json_param};
  const auto echoed = soong::execute(*conn_, json_echo, doc);
  EXPECT_EQ(echoed.get<std::string>(0, 0), R"({"a":1,"b":[true,null,"x"]})");
  EXPECT_EQ(echoed.get<nlohmann::json>(0, 1), doc);
  // Raw text both ways: jsonb needs its version byte, which the codec adds and strips.
  const auto r = soong::execute_sql(*conn_, "SELECT $1::text::jsonb, $1::text::json",
                                    std::string_view(R"({"k": "v"})"));
  EXPECT_EQ(r.get<std::string>(0, 0), R"({"k": "v"})");
  EXPECT_EQ(r.get<std::string>(0, 1), R"({"k": "v"})");
}

TEST_F(codec_test, arrays_empty_and_with_nulls) {
  check("int4[]", std::vector<std::optional<std::int32_t>>{1, std::nullopt, 3}, "{1,NULL,3}");
  check("int8[]", std::vector<std::int64_t>{}, "{}");
  check("text[]", std::vector<std::optional<std::string>>{"a b", std::nullopt, "", "\"q\""},
        R"({"a b",NULL,"","\"q\""})");
  check("varchar[]", std::vector<std::string>{"x"}, "{x}");
  check("numeric[]", std::vector<soong::numeric>{soong::numeric("1.10"), soong::numeric("NaN")},
        "{1.10,NaN}");
  check("uuid[]", std::vector<soong::uuid>{soong::uuid{}},
        "{00000000-0000-0000-0000-000000000000}");
  check("bool[]", std::vector<bool>{true, false}, "{t,f}");
  check("date[]", std::vector<soong::date>{soong::infinity<soong::date>()}, "{infinity}");
  check("jsonb[]", std::vector<nlohmann::json>{nlohmann::json{{"a", 1}}}, R"({"{\"a\": 1}"})");
  check("bytea[]", std::vector<soong::bytea>{soong::bytea{std::byte{0}}}, R"({"\\x00"})");
}

TEST_F(codec_test, arrays_of_every_other_type) {
  using std::chrono::year;
  const auto same_doubles = [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!((std::isnan(a[i]) && std::isnan(b[i])) || a[i] == b[i])) return false;
    }
    return true;
  };
  check("int2[]", std::vector<std::int16_t>{-32768, 32767}, "{-32768,32767}");
  check("float8[]",
        std::vector<double>{std::numeric_limits<double>::quiet_NaN(),
                            -std::numeric_limits<double>::infinity(), 0.5},
        "{NaN,-Infinity,0.5}", same_doubles);
  check("float4[]", std::vector<float>{1.25f}, "{1.25}");
  check("name[]", std::vector<std::string>{"a"}, "{a}");
  check("bpchar(2)[]", std::vector<std::string>{"ab"}, "{ab}");
  check("time[]", std::vector<soong::time_of_day>{soong::time_of_day(1h)}, "{01:00:00}");
  check("timestamp[]",
        std::vector<std::optional<soong::local_timestamp>>{
            std::nullopt, soong::infinity<soong::local_timestamp>()},
        "{NULL,infinity}");
  check("timestamptz[]",
        std::vector<soong::timestamptz>{
            soong::timestamptz(std::chrono::sys_days(year{1950} / 6 / 1).time_since_epoch())},
        "{\"1950-06-01 00:00:00+00\"}");
  check("interval[]", std::vector<soong::interval>{soong::interval{.months = 1}}, "{\"1 mon\"}");
  static constexpr soong::type_ref json_array_param[] = {
      {soong::oids::json_array, "pg_catalog", "_json"}};
  static constexpr soong::statement json_array_echo{
      .name = "JsonArrayEcho", .sql = "SELECT $1::text, $1", .params = json_array_param};
  const std::vector<nlohmann::json> docs{nlohmann::json{{"a", 1}}, nlohmann::json(nullptr)};
  const auto r = soong::execute(*conn_, json_array_echo, docs);
  EXPECT_EQ(r.get<std::string>(0, 0), R"({"{\"a\":1}","null"})");
  EXPECT_EQ(r.get<std::vector<nlohmann::json>>(0, 1), docs);
}

TEST_F(codec_test, null_array_element_into_non_optional_is_an_error) {
  const auto r = soong::execute_sql(*conn_, "SELECT ARRAY[1, NULL]::int4[] AS xs");
  try {
    (void)r.get<std::vector<std::int32_t>>(0, 0);
    FAIL() << "expected unexpected_null";
  } catch (const soong::unexpected_null& e) {
    EXPECT_STREQ(e.what(),
                 "execute_sql: column \"xs\" array element 2 is NULL in row 0, but its C++ type "
                 "is not std::optional");
  }
}

TEST_F(codec_test, optional_parameters_and_columns) {
  const auto r =
      soong::execute_sql(*conn_, "SELECT $1::int8, $2::text", std::optional<std::int64_t>{},
                         std::optional<std::string_view>{"x"});
  EXPECT_EQ(r.get<std::optional<std::int64_t>>(0, 0), std::nullopt);
  EXPECT_EQ(r.get<std::optional<std::string>>(0, 1), "x");
}

}  // namespace
