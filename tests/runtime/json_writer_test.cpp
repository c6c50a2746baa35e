// soong::json_writer against nlohmann: for every value type the writer takes, its text must
// parse to what nlohmann's own dump() of the same value parses to (and, where both render
// deterministically, be the same text). No server needed; the live check over generated rows
// is in tests/corpus/corpus_live_test.cpp.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <soong/soong.hpp>

namespace json_writer_test {

enum class mood { sad, ok, happy };

/// A type of the application's own: to_json/from_json, and write_json in column order.
struct person {
  std::string name;
  std::optional<mood> feeling;
  std::vector<std::optional<std::int32_t>> scores;
};
inline void to_json(nlohmann::json& j, const person& p) {
  j = nlohmann::json::object();
  j["name"] = p.name;
  j["feeling"] = p.feeling;
  j["scores"] = p.scores;
}
inline void from_json(const nlohmann::json& j, person& p) {
  j.at("name").get_to(p.name);
  j.at("feeling").get_to(p.feeling);
  j.at("scores").get_to(p.scores);
}
inline void write_json(soong::json_writer& w, const person& p) {
  w.begin_object();
  w.member("name", p.name);
  w.member("feeling", p.feeling);
  w.member("scores", p.scores);
  w.end_object();
}

/// A struct as the generator writes it: no JSON code, only a soong::struct_fields list (below).
struct place {
  std::string city;
  std::optional<person> owner;
  std::int32_t a{};
  std::int32_t a_again{};  // a second column named "a", as `SELECT 1 AS a, 2 AS a` has
  std::optional<std::string> odd_key;
};
struct empty_row {};

}  // namespace json_writer_test

template <>
struct soong::struct_fields<json_writer_test::place> {
  using s = json_writer_test::place;
  static constexpr auto fields = std::make_tuple(
      soong::field("city", &s::city), soong::field("owner", &s::owner), soong::field("a", &s::a),
      soong::field("a", &s::a_again), soong::field("say \"hi\"\\\n", &s::odd_key));
};
template <>
struct soong::struct_fields<json_writer_test::empty_row> {
  static constexpr auto fields = std::make_tuple();
};

template <>
struct soong::enum_traits<json_writer_test::mood> {
  static constexpr std::string_view schema = "public";
  static constexpr std::string_view name = "mood";
  static constexpr std::pair<json_writer_test::mood, std::string_view> values[] = {
      {json_writer_test::mood::sad, "sad"},
      {json_writer_test::mood::ok, "o\"k"},
      {json_writer_test::mood::happy, "happy"}};
};

namespace json_writer_test {
namespace {

using namespace std::chrono_literals;

/// The writer's text parses to what nlohmann's dump() of the same value parses to; returns the
/// writer's text for further checks.
template <class T>
std::string expect_same_json(const T& value) {
  const std::string direct = soong::to_json_string(value);
  const std::string dumped = nlohmann::json(value).dump();
  EXPECT_EQ(nlohmann::json::parse(direct), nlohmann::json::parse(dumped))
      << "direct: " << direct << "\nnlohmann: " << dumped;
  return direct;
}

/// Same JSON and the very same text as nlohmann's dump().
template <class T>
void expect_same_text(const T& value) {
  EXPECT_EQ(expect_same_json(value), nlohmann::json(value).dump());
}

TEST(json_writer, escapes_strings_as_nlohmann_does) {
  std::string every_control;
  for (char c = 0; c < 0x20; ++c) every_control.push_back(c);
  for (const std::string& s :
       {std::string(), std::string("plain"), std::string("quote \" backslash \\ slash /"),
        every_control, std::string("\x7f del"),
        std::string("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), std::string("nul \0 inside", 12),
        std::string("tab\tnewline\n\"end\"")}) {
    expect_same_text(s);
  }
  EXPECT_EQ(soong::to_json_string(std::string("a\"b\\c\n\x01")), R"("a\"b\\c\n\u0001")");
  EXPECT_EQ(soong::to_json_string("\xe2\x82\xac"), "\"\xe2\x82\xac\"");  // UTF-8 kept as is
}

TEST(json_writer, finds_every_byte_that_needs_escaping_at_every_position) {
  // The writer skips plain text eight bytes at a time: each byte value, at each position of a
  // word and in the tail, must still be escaped (or rejected) exactly as nlohmann does.
  for (int byte = 0; byte < 256; ++byte) {
    for (std::size_t position = 0; position < 19; ++position) {
      std::string text(19, 'x');
      text[position] = static_cast<char>(byte);
      if (byte < 0x80) {
        ASSERT_EQ(soong::to_json_string(text), nlohmann::json(text).dump())
            << byte << " at " << position;
      } else {
        ASSERT_THROW((void)soong::to_json_string(text), soong::error) << byte;
      }
    }
  }
  const std::string multibyte = "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
  for (std::size_t position = 0; position < 17; ++position) {
    const std::string text = std::string(position, 'a') + multibyte + std::string(9, 'b');
    ASSERT_EQ(soong::to_json_string(text), nlohmann::json(text).dump()) << position;
  }
}

TEST(json_writer, rejects_invalid_utf8_like_nlohmann) {
  for (const std::string bad : {"\x80", "a\xc3", "\xc0\x80", "\xe0\x80\x80", "\xed\xa0\x80",
                                "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xe2\x82", "\xff"}) {
    EXPECT_THROW((void)soong::to_json_string(bad), soong::error) << bad.size();
    EXPECT_THROW((void)nlohmann::json(bad).dump(), nlohmann::json::type_error);
  }
  try {
    (void)soong::to_json_string(std::string("ok\xc3("));
    FAIL() << "no exception";
  } catch (const soong::error& e) {
    EXPECT_STREQ(e.what(), "cannot write JSON: invalid UTF-8 at byte 2 of a string");
  }
}

TEST(json_writer, writes_numbers_and_booleans) {
  expect_same_text(true);
  expect_same_text(false);
  for (std::int16_t v : {std::numeric_limits<std::int16_t>::min(), std::int16_t{0},
                         std::numeric_limits<std::int16_t>::max()}) {
    expect_same_text(v);
  }
  for (std::int32_t v : {std::numeric_limits<std::int32_t>::min(), -1, 42,
                         std::numeric_limits<std::int32_t>::max()}) {
    expect_same_text(v);
  }
  for (std::int64_t v : {std::numeric_limits<std::int64_t>::min(), std::int64_t{7},
                         std::numeric_limits<std::int64_t>::max()}) {
    expect_same_text(v);
  }
  for (double v :
       {0.0, -0.0, 1.0, -2.5, 0.1, 1e300, 1e-300, 5e-324, 123456789012345.0, 1e16, 0.0001,
        std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest()}) {
    expect_same_json(v);
  }
  // A float's own shortest digits (nlohmann holds them through soong's optional serializer).
  for (float v : {0.1f, 1.0f, 3.4e38f, -1.5e-45f}) expect_same_json(std::optional<float>(v));
  EXPECT_EQ(soong::to_json_string(0.1f), "0.1");
  // PostgreSQL's digits: no ".0" on whole numbers, exponents with a sign and two digits.
  EXPECT_EQ(soong::to_json_string(2.0), "2");
  EXPECT_EQ(soong::to_json_string(0.1), "0.1");
  EXPECT_EQ(soong::to_json_string(1e16), "1e+16");
  EXPECT_EQ(soong::to_json_string(0.0001), "0.0001");
  EXPECT_EQ(soong::to_json_string(1e-5), "1e-05");
  EXPECT_EQ(soong::to_json_string(-0.0), "-0");
  EXPECT_EQ(soong::to_json_string(1e6f), "1e+06");
}

TEST(json_writer, writes_nan_and_infinity_as_the_server_does) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(soong::to_json_string(nan), R"("NaN")");
  EXPECT_EQ(soong::to_json_string(inf), R"("Infinity")");
  EXPECT_EQ(soong::to_json_string(-inf), R"("-Infinity")");
  EXPECT_EQ(soong::to_json_string(std::numeric_limits<float>::quiet_NaN()), R"("NaN")");
  expect_same_text(std::vector<std::optional<double>>{nan, inf, -inf, std::nullopt, 1.5});
  expect_same_text(std::optional<float>(-std::numeric_limits<float>::infinity()));
}

TEST(json_writer, writes_soong_value_types_as_nlohmann_serializes_them) {
  // Digits as a JSON number (exact in the writer, a double in nlohmann); NaN as a string.
  EXPECT_EQ(expect_same_json(soong::numeric("-12.50")), "-12.50");
  expect_same_text(soong::numeric("NaN"));
  expect_same_text(soong::numeric("-Infinity"));
  expect_same_text(soong::uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
  for (soong::date d :
       {soong::date(std::chrono::days(0)), soong::date(std::chrono::days(-1)),
        soong::date(std::chrono::days(-800000)), soong::date(std::chrono::days(2000000000)),
        soong::infinity<soong::date>(), soong::minus_infinity<soong::date>()}) {
    expect_same_text(d);
  }
  for (soong::time_of_day t : {soong::time_of_day(), soong::time_of_day(13h + 45min + 250ms),
                               soong::time_of_day(24h), soong::time_of_day(86399999999us)}) {
    expect_same_text(t);
  }
  for (std::int64_t micros :
       {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1'700'000'000'123'456},
        std::int64_t{-62'135'596'800'000'001}}) {
    expect_same_text(soong::local_timestamp(std::chrono::microseconds(micros)));
    expect_same_text(soong::timestamptz(std::chrono::microseconds(micros)));
  }
  expect_same_text(soong::infinity<soong::timestamptz>());
  expect_same_text(soong::minus_infinity<soong::local_timestamp>());
  expect_same_text(soong::interval{.months = -14, .days = 3, .time = -5s});
  for (std::size_t n = 0; n < 6; ++n) {
    soong::bytea bytes;
    for (std::size_t i = 0; i < n; ++i) bytes.push_back(static_cast<std::byte>(0xF0 + i));
    expect_same_text(bytes);
  }
  EXPECT_EQ(soong::to_json_string(soong::interval{.months = 1, .days = 2, .time = 3us}),
            R"("1 mon 2 days 00:00:00.000003")");
  EXPECT_EQ(soong::to_json_string(soong::date(std::chrono::days(-719528))), R"("0001-01-01 BC")");
  EXPECT_EQ(soong::to_json_string(soong::date(std::chrono::days(-719529))), R"("0002-12-31 BC")");
  EXPECT_EQ(soong::to_json_string(soong::timestamptz(std::chrono::microseconds(1))),
            R"("1970-01-01T00:00:00.000001+00:00")");
  EXPECT_EQ(soong::to_json_string(soong::bytea{std::byte{0}, std::byte{0xAB}}), R"("\\x00ab")");
  EXPECT_EQ(soong::to_json_string(soong::time_of_day(13h + 5min + 7s + 250ms)), R"("13:05:07.25")");
  EXPECT_EQ(soong::to_json_string(soong::local_timestamp(std::chrono::microseconds(-1))),
            R"("1969-12-31T23:59:59.999999")");
}

TEST(json_writer, writes_json_values_as_dump_does) {
  const auto document = nlohmann::json::parse(
      R"({"b":[1,-2,18446744073709551615,2.5,1e100,1e14,0.0001,true,null,"x\"y"],"a":{"\u00e9\n":{}},"c":[]})");
  expect_same_text(document);
  expect_same_text(nlohmann::json());
  expect_same_text(nlohmann::json("text"));
  expect_same_text(std::optional<nlohmann::json>());
  expect_same_text(
      std::vector<std::optional<nlohmann::json>>{nlohmann::json{{"k", 1}}, std::nullopt});
}

TEST(json_writer, writes_enums_optionals_vectors_and_structs) {
  expect_same_text(mood::happy);
  expect_same_text(mood::ok);  // a label that needs escaping
  expect_same_text(std::optional<std::string>());
  expect_same_text(std::optional<std::string>("x"));
  expect_same_text(std::vector<std::optional<std::int64_t>>{});
  expect_same_text(std::vector<std::optional<std::int64_t>>{1, std::nullopt, 3});
  expect_same_text(
      std::vector<std::optional<soong::bytea>>{soong::bytea{std::byte{1}}, std::nullopt});
  expect_same_text(std::vector<std::optional<mood>>{mood::sad, std::nullopt});

  const person ada{.name = "Ada \"the first\"", .feeling = mood::ok, .scores = {1, std::nullopt}};
  const person bob{.name = "Bob", .feeling = std::nullopt, .scores = {}};
  EXPECT_EQ(soong::to_json_string(ada),
            R"({"name":"Ada \"the first\"","feeling":"o\"k","scores":[1,null]})");  // column order
  expect_same_json(ada);
  expect_same_json(std::optional<person>(bob));
  expect_same_json(std::optional<person>());
  expect_same_json(std::vector<person>{ada, bob});
  expect_same_json(std::vector<person>{});
  expect_same_json(std::vector<std::optional<person>>{ada, std::nullopt, bob});
}

TEST(json_writer, writes_structs_from_their_field_list_as_nlohmann_does) {
  const place home{.city = "Oslo",
                   .owner = person{.name = "Ada", .feeling = mood::sad, .scores = {2}},
                   .a = 1,
                   .a_again = 2,
                   .odd_key = "v"};
  // Column order, each key as often as the columns have it, keys JSON-escaped by the writer.
  EXPECT_EQ(soong::to_json_string(home),
            R"({"city":"Oslo","owner":{"name":"Ada","feeling":"sad","scores":[2]},"a":1,"a":2,)"
            R"("say \"hi\"\\\n":"v"})");
  // nlohmann's object keeps the last of two equal keys, as it did with generated to_json.
  const nlohmann::json tree = home;
  EXPECT_EQ(tree.dump(),
            R"({"a":2,"city":"Oslo","owner":{"feeling":"sad","name":"Ada","scores":[2]},)"
            R"("say \"hi\"\\\n":"v"})");
  expect_same_json(std::vector<place>{home, place{}});
  expect_same_text(empty_row{});
}

TEST(json_writer, reads_structs_back_from_their_field_list) {
  const nlohmann::json text = nlohmann::json::parse(
      R"({"city":"Rome","owner":null,"a":7,"say \"hi\"\\\n":"w","ignored":true})");
  const auto back = text.get<place>();
  EXPECT_EQ(back.city, "Rome");
  EXPECT_FALSE(back.owner.has_value());
  EXPECT_EQ(back.a, 7);
  EXPECT_EQ(back.a_again, 7);  // both fields named "a" read the one key
  EXPECT_EQ(back.odd_key, "w");
  // A missing key reads as null: fine for an optional, an error naming the key otherwise.
  EXPECT_FALSE(nlohmann::json::parse(R"({"city":"x","a":1})").get<place>().odd_key.has_value());
  EXPECT_THROW((void)nlohmann::json::parse(R"({"a":1})").get<place>(), nlohmann::json::exception);
}

TEST(json_writer, appends_to_a_callers_string_and_nests_containers) {
  std::string out = "prefix:";
  {
    soong::json_writer w(out);
    w.begin_object();
    w.member("a", 1);
    w.member("empty", std::vector<std::optional<int>>{});
    w.member("list", std::vector<std::optional<int>>{1, 2});
    EXPECT_EQ(&w.text(), &out);
    EXPECT_EQ(out, R"(prefix:{"a":1,"empty":[],"list":[1,2])");  // text() settles the string
    w.member("nested", person{.name = "n", .feeling = {}, .scores = {}});
    w.member("after", true);
    w.end_object();
  }  // and so does the writer's end
  EXPECT_EQ(out, R"(prefix:{"a":1,"empty":[],"list":[1,2],"nested":{"name":"n","feeling":null,)"
                 R"("scores":[]},"after":true})");

  soong::json_writer own;
  own.begin_array();
  own.element("x");
  own.element(nullptr);
  own.element(std::int16_t{-3});
  own.end_array();
  EXPECT_EQ(own.take(), R"(["x",null,-3])");
  own.value(std::string(1000, 'z'));  // a fresh start after take(), grown past the first room
  EXPECT_EQ(own.take(), "\"" + std::string(1000, 'z') + "\"");
}

TEST(json_writer, keeps_the_text_when_growing_in_the_middle_of_an_escaped_string) {
  // Every escape may grow the buffer; the text before it must survive each move.
  std::string text;
  for (int i = 0; i < 3000; ++i) text += i % 7 == 0 ? "\n\"" : "ab\\";
  for (std::size_t reserve : {std::size_t{0}, std::size_t{1}, std::size_t{5000}}) {
    soong::json_writer w;
    w.reserve(reserve);
    w.value(text);
    EXPECT_EQ(w.take(), nlohmann::json(text).dump()) << reserve;
  }
}

}  // namespace
}  // namespace json_writer_test
