// soong::copy_from against a real server: 100,000 rows of every column kind the generator
// emits, read back and checksummed; a bad row (server-side or client-side) inserts nothing.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <soong/soong.hpp>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "test_server.hpp"

namespace copy_test {
enum class mood { sad, ok, happy };
}

template <>
struct soong::enum_traits<copy_test::mood> {
  static constexpr std::string_view schema = "public";
  static constexpr std::string_view name = "mood";
  static constexpr std::pair<copy_test::mood, std::string_view> values[] = {
      {copy_test::mood::sad, "sad"},
      {copy_test::mood::ok, "ok"},
      {copy_test::mood::happy, "happy"}};
};

namespace copy_test {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view column_names[] = {"id",     "name", "note", "at",     "u",   "flag",
                                             "amount", "doc",  "tags", "scores", "big", "mood"};
constexpr soong::type_ref column_types[] = {
    {23, "pg_catalog", "int4"},      {25, "pg_catalog", "text"},
    {25, "pg_catalog", "text"},      {1184, "pg_catalog", "timestamptz"},
    {2950, "pg_catalog", "uuid"},    {16, "pg_catalog", "bool"},
    {1700, "pg_catalog", "numeric"}, {3802, "pg_catalog", "jsonb"},
    {1009, "pg_catalog", "_text"},   {1007, "pg_catalog", "_int4"},
    {20, "pg_catalog", "int8"},      {0, "public", "mood"}};
constexpr soong::copy_statement copy_things{.name = "CopyThings",
                                            .table = "public.things",
                                            .column_names = column_names,
                                            .columns = column_types};

struct thing {
  std::optional<std::int32_t> id;  // NOT NULL column: nullopt makes a bad row
  std::string name;
  std::optional<std::string> note;
  soong::timestamptz at;
  soong::uuid u;
  bool flag;
  soong::numeric amount;
  nlohmann::json doc;
  std::vector<std::string> tags;
  std::optional<std::vector<std::optional<std::int32_t>>> scores;
  std::int64_t big;  // CHECK (big >= 0)
  std::optional<mood> feeling;
};

const auto bind_thing = [](const thing& t) {
  return std::make_tuple(t.id, std::string_view(t.name), t.note, t.at, t.u, t.flag, t.amount, t.doc,
                         t.tags, t.scores, t.big, t.feeling);
};

constexpr std::int64_t base_micros = 1577836800000000;  // 2020-01-01 00:00:00 UTC

std::string uuid_text(std::int32_t i) {
  char text[40];
  std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012x", static_cast<unsigned>(i));
  return text;
}

std::string amount_text(std::int32_t i) {
  char text[32];
  std::snprintf(text, sizeof text, "%d.%02d", i / 100, i % 100);
  return text;
}

thing make_thing(std::int32_t i) {
  thing t{
      .id = i,
      .name = "name " + std::to_string(i) + " ✓ 'quoted'",
      .note = i % 3 == 0 ? std::nullopt : std::optional<std::string>("note " + std::to_string(i)),
      .at = soong::timestamptz(std::chrono::microseconds(base_micros + i * 1000003LL)),
      .u = soong::uuid::parse(uuid_text(i)),
      .flag = i % 5 == 0,
      .amount = soong::numeric(amount_text(i)),
      .doc = {{"n", i}, {"nested", {{"even", i % 2 == 0}}}},
      .tags = {},
      .scores = std::nullopt,
      .big = std::int64_t{i} * 1000000007LL,
      .feeling = i % 4 == 3 ? std::nullopt : std::optional<mood>(static_cast<mood>(i % 3))};
  for (int k = 0; k < i % 4; ++k) t.tags.push_back("t" + std::to_string(k));
  if (i % 2 == 0) t.scores = std::vector<std::optional<std::int32_t>>{i, std::nullopt, -i};
  return t;
}

std::vector<thing> make_things(std::int32_t count) {
  std::vector<thing> things;
  things.reserve(static_cast<std::size_t>(count));
  for (std::int32_t i = 0; i < count; ++i) things.push_back(make_thing(i));
  return things;
}

class copy_from : public ::testing::Test {
 protected:
  void SetUp() override {
    conninfo_ = soong::testing::seeded_database(R"sql(
      CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
      CREATE TABLE things (
        id int4 NOT NULL, name text NOT NULL, note text, at timestamptz NOT NULL,
        u uuid NOT NULL, flag bool NOT NULL, amount numeric NOT NULL, doc jsonb NOT NULL,
        tags text[] NOT NULL, scores int4[],
        big int8 NOT NULL CONSTRAINT big_not_negative CHECK (big >= 0), mood mood))sql");
    conn_.emplace(conninfo_);
  }
  std::int64_t rows() {
    return soong::execute_sql(*conn_, "SELECT count(*) FROM things").get<std::int64_t>(0, 0);
  }

  std::string conninfo_;
  std::optional<soong::connection> conn_;
};

TEST_F(copy_from, copies_100000_rows_of_every_column_kind) {
  constexpr std::int32_t count = 100000;
  const std::vector<thing> things = make_things(count);
  EXPECT_EQ(soong::copy_from(*conn_, copy_things, std::span<const thing>(things), bind_thing),
            count);

  // Expected checksums, computed from the items.
  std::int64_t ids = 0, name_chars = 0, notes = 0, at_micros = 0, flags = 0, tags = 0,
               tag_chars = 0, score_arrays = 0, score_nulls = 0, score_sum = 0, big = 0, happy = 0,
               moods = 0, evens = 0;
  for (const thing& t : things) {
    const std::int64_t i = *t.id;
    ids += i;
    name_chars += static_cast<std::int64_t>(t.name.size());
    notes += t.note ? 1 : 0;
    at_micros += t.at.time_since_epoch().count() - base_micros;
    flags += t.flag ? 1 : 0;
    tags += static_cast<std::int64_t>(t.tags.size());
    for (const auto& tag : t.tags) tag_chars += static_cast<std::int64_t>(tag.size());
    if (t.scores) {
      ++score_arrays;
      for (const auto& s : *t.scores) s ? score_sum += *s : ++score_nulls;
    }
    big += t.big;
    moods += t.feeling ? 1 : 0;
    happy += t.feeling == mood::happy ? 1 : 0;
    evens += i % 2 == 0 ? 1 : 0;
  }
  const std::int64_t cents = std::int64_t{count} * (count - 1) / 2;
  const std::string amount_sum = std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") +
                                 std::to_string(cents % 100);

  const auto r = soong::execute_sql(*conn_, R"sql(
    SELECT count(*), sum(id::int8)::int8, sum(octet_length(name))::int8, count(note),
           sum((extract(epoch FROM at) * 1000000)::int8 - 1577836800000000)::int8,
           count(*) FILTER (WHERE u = ('00000000-0000-4000-8000-' || lpad(to_hex(id), 12, '0'))::uuid),
           count(DISTINCT u), count(*) FILTER (WHERE flag), sum(amount)::text,
           sum((doc->>'n')::int8)::int8, count(*) FILTER (WHERE (doc->'nested'->>'even')::bool),
           sum(cardinality(tags))::int8, sum(octet_length(array_to_string(tags, '')))::int8,
           count(scores), sum((SELECT count(*) FROM unnest(scores) s WHERE s IS NULL))::int8,
           sum((SELECT coalesce(sum(s), 0) FROM unnest(scores) s))::int8,
           sum(big)::text, count(mood), count(*) FILTER (WHERE mood = 'happy')
    FROM things)sql");
  EXPECT_EQ(r.get<std::int64_t>(0, 0), count);
  EXPECT_EQ(r.get<std::int64_t>(0, 1), ids);
  EXPECT_EQ(r.get<std::int64_t>(0, 2), name_chars);
  EXPECT_EQ(r.get<std::int64_t>(0, 3), notes);
  EXPECT_EQ(r.get<std::int64_t>(0, 4), at_micros);
  EXPECT_EQ(r.get<std::int64_t>(0, 5), count);
  EXPECT_EQ(r.get<std::int64_t>(0, 6), count);
  EXPECT_EQ(r.get<std::int64_t>(0, 7), flags);
  EXPECT_EQ(r.get<std::string>(0, 8), amount_sum);
  EXPECT_EQ(r.get<std::int64_t>(0, 9), ids);
  EXPECT_EQ(r.get<std::int64_t>(0, 10), evens);
  EXPECT_EQ(r.get<std::int64_t>(0, 11), tags);
  EXPECT_EQ(r.get<std::int64_t>(0, 12), tag_chars);
  EXPECT_EQ(r.get<std::int64_t>(0, 13), score_arrays);
  EXPECT_EQ(r.get<std::int64_t>(0, 14), score_nulls);
  EXPECT_EQ(r.get<std::int64_t>(0, 15), score_sum);
  EXPECT_EQ(r.get<std::string>(0, 16), std::to_string(big));
  EXPECT_EQ(r.get<std::int64_t>(0, 17), moods);
  EXPECT_EQ(r.get<std::int64_t>(0, 18), happy);

  // One row back in full, through the binary decoders.
  const thing& want = things[54322];
  const auto row = soong::execute_sql(
      *conn_,
      "SELECT name, note, at, u, flag, amount, doc, tags, scores, big, mood::text FROM things "
      "WHERE id = $1",
      std::int32_t{54322});
  ASSERT_EQ(row.rows(), 1);
  EXPECT_EQ(row.get<std::string>(0, 0), want.name);
  EXPECT_EQ(row.get<std::optional<std::string>>(0, 1), want.note);
  EXPECT_EQ(row.get<soong::timestamptz>(0, 2), want.at);
  EXPECT_EQ(row.get<soong::uuid>(0, 3), want.u);
  EXPECT_EQ(row.get<bool>(0, 4), want.flag);
  EXPECT_EQ(row.get<soong::numeric>(0, 5).str(), want.amount.str());
  EXPECT_EQ(row.get<nlohmann::json>(0, 6), want.doc);
  EXPECT_EQ(row.get<std::vector<std::string>>(0, 7), want.tags);
  EXPECT_EQ((row.get<std::optional<std::vector<std::optional<std::int32_t>>>>(0, 8)), want.scores);
  EXPECT_EQ(row.get<std::int64_t>(0, 9), want.big);
  constexpr std::string_view labels[] = {"sad", "ok", "happy"};
  ASSERT_TRUE(want.feeling.has_value());
  EXPECT_EQ(row.get<std::optional<std::string>>(0, 10),
            std::string(labels[static_cast<int>(*want.feeling)]));
}

TEST_F(copy_from, a_null_in_a_not_null_column_inserts_nothing) {
  std::vector<thing> things = make_things(100000);
  things[50000].id = std::nullopt;
  try {
    (void)soong::copy_from(*conn_, copy_things, std::span<const thing>(things), bind_thing);
    FAIL() << "no sql_error";
  } catch (const soong::not_null_violation& e) {
    EXPECT_EQ(e.query_name(), "CopyThings");
    EXPECT_EQ(e.sqlstate(), "23502");
    EXPECT_EQ(e.column_name(), "id");
    EXPECT_EQ(std::string(e.what()).rfind("CopyThings: null value in column \"id\"", 0), 0u)
        << e.what();
  }
  EXPECT_EQ(rows(), 0);
}

TEST_F(copy_from, a_check_violation_inserts_nothing_and_the_connection_stays_usable) {
  std::vector<thing> things = make_things(100000);
  things[70000].big = -1;
  try {
    (void)soong::copy_from(*conn_, copy_things, std::span<const thing>(things), bind_thing);
    FAIL() << "no sql_error";
  } catch (const soong::check_violation& e) {
    EXPECT_EQ(e.query_name(), "CopyThings");
    EXPECT_EQ(e.constraint_name(), "big_not_negative");
  }
  EXPECT_EQ(rows(), 0);
  // A second COPY on the same connection works.
  const std::vector<thing> few = make_things(10);
  EXPECT_EQ(soong::copy_from(*conn_, copy_things, std::span<const thing>(few), bind_thing), 10);
  EXPECT_EQ(rows(), 10);
}

TEST_F(copy_from, a_value_that_cannot_be_encoded_abandons_the_copy) {
  std::vector<thing> things = make_things(100000);
  things[90000].feeling = static_cast<mood>(42);  // no such label
  try {
    (void)soong::copy_from(*conn_, copy_things, std::span<const thing>(things), bind_thing);
    FAIL() << "no error";
  } catch (const soong::error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("CopyThings: COPY row 90000, column \"mood\": ", 0), 0u)
        << e.what();
  }
  EXPECT_EQ(rows(), 0);
}

TEST_F(copy_from, inside_a_transaction_the_rows_commit_with_it) {
  const std::vector<thing> things = make_things(1000);
  {
    soong::transaction tx(*conn_);
    EXPECT_EQ(soong::copy_from(*conn_, copy_things, std::span<const thing>(things), bind_thing),
              1000);
  }  // rolled back
  EXPECT_EQ(rows(), 0);
  {
    soong::transaction tx(*conn_);
    EXPECT_EQ(soong::copy_from(*conn_, copy_things, std::span<const thing>(things), bind_thing),
              1000);
    tx.commit();
  }
  EXPECT_EQ(rows(), 1000);
}

TEST_F(copy_from, an_unknown_table_names_the_query) {
  constexpr soong::copy_statement missing{.name = "CopyMissing",
                                          .table = "public.no_such_table",
                                          .column_names = column_names,
                                          .columns = column_types};
  const std::vector<thing> things = make_things(3);
  try {
    (void)soong::copy_from(*conn_, missing, std::span<const thing>(things), bind_thing);
    FAIL() << "no sql_error";
  } catch (const soong::sql_error& e) {
    EXPECT_EQ(e.query_name(), "CopyMissing");
    EXPECT_EQ(e.sqlstate(), "42P01");
  }
  EXPECT_EQ(rows(), 0);
}

TEST_F(copy_from, no_items_copy_nothing) {
  const std::vector<thing> none;
  EXPECT_EQ(soong::copy_from(*conn_, copy_things, std::span<const thing>(none), bind_thing), 0);
}

}  // namespace
}  // namespace copy_test
