// Generated query functions over the RDS Data API (add_sql_queries(... TRANSPORTS libpq
// data_api)), compiled and run against the emulator over a throwaway PostgreSQL, and compared
// with the same functions over libpq.

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "running_emulator.hpp"
#include "samples.sql.hpp"
#include "soong/connection.hpp"
#include "soong/data_api/client.hpp"
#include "soong/data_api/session.hpp"
#include "soong/error.hpp"
#include "soong/json.hpp"
#include "test_server.hpp"

namespace {

using namespace std::chrono_literals;
namespace data_api = soong::data_api;
namespace db = data_api_generated::db;

constexpr const char* cluster_arn = "arn:aws:rds:eu-west-1:123456789012:cluster:samples";
constexpr const char* secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:s-AbCdEf";

using data_api_testing::running_emulator;

std::string schema_sql() {
  return R"sql(
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
    CREATE TYPE address AS (street text, zip varchar(10), floor int4);
    CREATE TABLE samples (
      id uuid PRIMARY KEY, code varchar(20) NOT NULL UNIQUE, at_local timestamp,
      at_zone timestamptz, day date, clock time, amount numeric, ratio float8, small float4,
      big int8, counts int4[], labels text[], feeling mood, feelings mood[], home address,
      doc jsonb, raw bytea, span interval, flag boolean);)sql";
}

const soong::bytea raw_bytes{std::byte{0}, std::byte{0xff}, std::byte{'\\'}, std::byte{'"'}};

/// Values at the edges of every mapped type.
// Array parameters view their elements, so the arrays the edge values send live here.
const std::vector<std::int32_t> edge_counts{1, -2, 3};
const std::vector<std::string> edge_labels{"a \"quoted\" word", "back\\slash", "", "NULL", "{,}"};
const std::vector<db::mood> edge_feelings{db::mood::sad, db::mood::ok};
const soong::timestamptz edge_at{std::chrono::sys_days{std::chrono::year{2026} / 3 / 29} + 1h +
                                 59min + 59s + 123456us};

db::insert_sample_params edge_values(const soong::uuid& id, std::string_view code) {
  const soong::timestamptz at = edge_at;
  return {
      .id = id,
      .code = code,
      .at_local = soong::local_timestamp{at.time_since_epoch()},
      .at_zone = soong::timestamptz{at},
      .day = std::chrono::sys_days{std::chrono::year{1999} / 12 / 31},
      .clock = 23h + 59min + 59s + 999999us,
      .amount = soong::numeric("NaN"),
      .ratio = -std::numeric_limits<double>::infinity(),
      .small = std::numeric_limits<float>::quiet_NaN(),
      .big = std::numeric_limits<std::int64_t>::min(),
      .counts = edge_counts,
      .labels = edge_labels,
      .feeling = db::mood::happy,
      .feelings = edge_feelings,
      .home = db::address{.street = "1 Main St, \"Rear\"", .zip = std::nullopt, .floor = 42},
      .doc = nlohmann::json{{"k", {1, 2.5, nullptr, "x"}}},
      .raw = std::span<const std::byte>(raw_bytes),
      .span = soong::interval{.months = 14, .days = -3, .time = -1500000us},
      .flag = false,
  };
}

template <class T>
std::optional<std::vector<std::optional<T>>> with_optional_elements(
    const soong::optional_array_param<T>& values) {
  if (!values) return std::nullopt;
  return values->elements();
}

void expect_edge_values(const db::sample& row, const db::insert_sample_params& sent) {
  EXPECT_EQ(row.id, sent.id);
  EXPECT_EQ(row.code, sent.code);
  EXPECT_EQ(row.at_local, sent.at_local);
  EXPECT_EQ(row.at_zone, sent.at_zone);
  EXPECT_EQ(row.day, sent.day);
  EXPECT_EQ(row.clock, sent.clock);
  ASSERT_TRUE(row.amount.has_value());
  EXPECT_TRUE(row.amount->is_nan());
  EXPECT_EQ(row.ratio, sent.ratio);
  ASSERT_TRUE(row.small.has_value());
  EXPECT_TRUE(std::isnan(*row.small));
  EXPECT_EQ(row.big, sent.big);
  EXPECT_EQ(row.counts, with_optional_elements(sent.counts));
  EXPECT_EQ(row.labels, with_optional_elements(sent.labels));
  EXPECT_EQ(row.feeling, sent.feeling);
  EXPECT_EQ(row.feelings, with_optional_elements(sent.feelings));
  ASSERT_TRUE(row.home.has_value());
  EXPECT_EQ(row.home->street, sent.home->street);
  EXPECT_EQ(row.home->zip, std::nullopt);
  EXPECT_EQ(row.home->floor, 42);
  EXPECT_EQ(row.doc, sent.doc);
  EXPECT_EQ(row.raw, raw_bytes);
  EXPECT_EQ(row.span, sent.span);
  EXPECT_EQ(row.flag, false);
}

class data_api_generated : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = soong::testing::fresh_database();
    soong::testing::run_sql(database_, schema_sql());
    server_ = std::make_unique<running_emulator>(
        running_emulator::options_for(database_, cluster_arn, secret_arn));
    client_ = std::make_unique<data_api::client>(server_->client_config());
  }

  std::string database_;
  std::unique_ptr<running_emulator> server_;
  std::unique_ptr<data_api::client> client_;
};

TEST_F(data_api_generated, every_mapped_type_round_trips) {
  data_api::session session(*client_);
  const auto id = soong::uuid::parse("5b0e4a36-8f0f-4c55-9d4e-1d2b3c4d5e6f");
  const db::insert_sample_params sent = edge_values(id, "edge");
  db::insert_sample(session, sent);

  const std::optional<db::sample> through_data_api = db::get_sample(session, id);
  ASSERT_TRUE(through_data_api.has_value());
  expect_edge_values(*through_data_api, sent);

  // What the Data API wrote reads back the same over libpq.
  soong::connection conn(database_);
  const std::optional<db::sample> through_libpq = db::get_sample(conn, id);
  ASSERT_TRUE(through_libpq.has_value());
  expect_edge_values(*through_libpq, sent);
}

TEST_F(data_api_generated, the_same_query_gives_the_same_rows_as_over_libpq) {
  soong::connection conn(database_);
  db::insert_sample(conn,
                    edge_values(soong::uuid::parse("00000000-0000-0000-0000-000000000001"), "a"));
  db::insert_sample_params sparse{.id = soong::uuid::parse("00000000-0000-0000-0000-000000000002"),
                                  .code = "b"};
  db::insert_sample(conn, sparse);
  // Arrays holding NULL, written in SQL: the generated parameters take non-null elements.
  soong::testing::run_sql(database_, R"sql(
    UPDATE samples SET counts = '{NULL,7,NULL}', labels = '{NULL}', feelings = '{NULL,sad}'
    WHERE code = 'b')sql");

  data_api::session session(*client_);
  const std::vector<db::sample> over_data_api = db::list_samples(session);
  const std::vector<db::sample> over_libpq = db::list_samples(conn);
  ASSERT_EQ(over_data_api.size(), 2U);
  ASSERT_EQ(over_libpq.size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    // NaN is unequal to itself: compare the JSON renderings, then the NaNs on their own.
    EXPECT_EQ(nlohmann::json(over_data_api[i]).dump(), nlohmann::json(over_libpq[i]).dump());
    EXPECT_EQ(over_data_api[i].amount.has_value(), over_libpq[i].amount.has_value());
    EXPECT_EQ(over_data_api[i].small.has_value(), over_libpq[i].small.has_value());
  }
  EXPECT_TRUE(over_data_api[0].amount->is_nan());
  EXPECT_EQ(over_data_api[1].counts,
            (std::vector<std::optional<std::int32_t>>{std::nullopt, 7, std::nullopt}));
  EXPECT_EQ(over_data_api[1].feelings,
            (std::vector<std::optional<db::mood>>{std::nullopt, db::mood::sad}));
  EXPECT_EQ(over_data_api[1].home, std::nullopt);
  EXPECT_EQ(db::list_samples_json(session), db::list_samples_json(conn));
}

TEST_F(data_api_generated, a_uuid_compared_with_a_varchar_column_is_cast_not_guessed) {
  data_api::session session(*client_);
  const auto id = soong::uuid::parse("11111111-2222-3333-4444-555555555555");
  db::insert_sample(session, db::insert_sample_params{.id = id, .code = "c-1"});
  EXPECT_EQ(db::sample_id_by_code(session, {.code = "c-1", .id = id}), id);
  EXPECT_EQ(db::sample_id_by_code(session, {.code = "c-2", .id = id}), std::nullopt);
}

TEST_F(data_api_generated, execrows_counts_the_rows_the_service_updated) {
  data_api::session session(*client_);
  db::insert_sample(
      session, {.id = soong::uuid::parse("00000000-0000-0000-0000-0000000000a1"), .code = "x-1"});
  db::insert_sample(
      session, {.id = soong::uuid::parse("00000000-0000-0000-0000-0000000000a2"), .code = "x-2"});
  db::insert_sample(
      session, {.id = soong::uuid::parse("00000000-0000-0000-0000-0000000000b1"), .code = "y-1"});
  EXPECT_EQ(db::rename_sample(session, {.new_code = "z", .pattern = "y-%"}), 1);
  EXPECT_EQ(db::rename_sample(session, {.new_code = "none", .pattern = "w-%"}), 0);
  soong::connection conn(database_);
  EXPECT_EQ(
      db::sample_id_by_code(
          conn, {.code = "z", .id = soong::uuid::parse("00000000-0000-0000-0000-0000000000b1")})
          .has_value(),
      true);
}

TEST_F(data_api_generated, a_data_modifying_with_list_returns_its_rows) {
  data_api::session session(*client_);
  const auto id = soong::uuid::parse("00000000-0000-0000-0000-0000000000e1");
  const db::insert_sample_params sent = edge_values(id, "before");
  db::insert_sample(session, sent);
  const auto moved = db::move_sample(session, {.new_code = "after", .id = id});
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->id, id);
  EXPECT_EQ(moved->code, "after");
  EXPECT_EQ(moved->at_zone, sent.at_zone);
  EXPECT_EQ(moved->note, "$1 stays");  // a `$1` in a string literal is no placeholder
  EXPECT_EQ(db::move_sample(session, {.new_code = "x", .id = soong::uuid{}}), std::nullopt);
}

TEST_F(data_api_generated, arrays_holding_null_decode_element_by_element) {
  data_api::session session(*client_);
  const auto row = db::array_with_nulls(session);
  EXPECT_EQ(row.numbers, (std::vector<std::optional<std::int32_t>>{1, std::nullopt, 3}));
  EXPECT_EQ(row.words, (std::vector<std::optional<std::string>>{"a", std::nullopt}));
}

TEST_F(data_api_generated, a_unique_violation_is_soong_unique_violation_naming_the_query) {
  data_api::session session(*client_);
  db::insert_sample(
      session, {.id = soong::uuid::parse("00000000-0000-0000-0000-0000000000c1"), .code = "same"});
  try {
    db::insert_sample(session, {.id = soong::uuid::parse("00000000-0000-0000-0000-0000000000c2"),
                                .code = "same"});
    FAIL() << "the second insert succeeded";
  } catch (const soong::unique_violation& e) {
    EXPECT_NE(std::string(e.what()).find("InsertSample"), std::string::npos) << e.what();
  }
}

TEST_F(data_api_generated, a_session_in_a_transaction_rolls_back_and_commits) {
  const auto kept = soong::uuid::parse("00000000-0000-0000-0000-0000000000d1");
  const auto dropped = soong::uuid::parse("00000000-0000-0000-0000-0000000000d2");
  {
    data_api::transaction tx(*client_);
    data_api::session session(tx);
    db::insert_sample(session, {.id = dropped, .code = "dropped"});
    // Inside the transaction the row is there...
    EXPECT_TRUE(db::get_sample(session, dropped).has_value());
  }  // ...and the destructor rolls it back.
  {
    data_api::transaction tx(*client_);
    data_api::session session(tx);
    db::insert_sample(session, {.id = kept, .code = "kept"});
    tx.commit();
  }
  soong::connection conn(database_);
  EXPECT_FALSE(db::get_sample(conn, dropped).has_value());
  EXPECT_TRUE(db::get_sample(conn, kept).has_value());
}

// :copyfrom over the Data API: BatchExecute of the INSERT it is written as, in one transaction.
TEST_F(data_api_generated, copyfrom_sends_every_item_or_none) {
  data_api::session session(*client_);
  const db::insert_sample_params edge = edge_values(soong::uuid{}, "edge");
  const auto import_item = [&](std::string_view uuid, std::string_view code) {
    return db::import_samples_params{.id = soong::uuid::parse(uuid),
                                     .code = std::string(code),
                                     .at_zone = edge_at,
                                     .amount = edge.amount,
                                     .labels = edge_labels,
                                     .feeling = edge.feeling,
                                     .raw = raw_bytes,
                                     .span = edge.span};
  };
  const std::vector<db::import_samples_params> items = {
      import_item("00000000-0000-0000-0000-00000000000a", "first"),
      import_item("00000000-0000-0000-0000-00000000000b", "second")};
  EXPECT_EQ(db::import_samples(session, items), 2);

  soong::connection conn(database_);
  const std::optional<db::sample> second = db::get_sample(conn, items[1].id);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->code, "second");
  EXPECT_EQ(second->at_zone, edge.at_zone);
  EXPECT_TRUE(second->amount->is_nan());
  EXPECT_EQ(second->labels, with_optional_elements(edge.labels));
  EXPECT_EQ(second->feeling, edge.feeling);
  EXPECT_EQ(second->raw, raw_bytes);
  EXPECT_EQ(second->span, edge.span);

  // The second item repeats the first's code: the first of the batch is not kept either.
  const std::vector<db::import_samples_params> clash = {
      import_item("00000000-0000-0000-0000-00000000000c", "third"),
      import_item("00000000-0000-0000-0000-00000000000d", "third")};
  try {
    static_cast<void>(db::import_samples(session, clash));
    ADD_FAILURE() << "the duplicate code was accepted";
  } catch (const soong::unique_violation& e) {
    EXPECT_EQ(e.query_name(), "ImportSamples");
  }
  EXPECT_EQ(db::list_samples(conn).size(), 2U);
}

}  // namespace
