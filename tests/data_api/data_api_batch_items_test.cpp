// `:batchone`, `:batchmany` and `:batchexec` over the RDS Data API (the emulator over a throwaway
// PostgreSQL) against the same functions over libpq: the same rows per item, all or none of a
// batch applied, and a failing item's batch_index() as libpq reports it.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "running_emulator.hpp"
#include "samples.sql.hpp"
#include "soong/connection.hpp"
#include "soong/data_api/client.hpp"
#include "soong/data_api/session.hpp"
#include "soong/error.hpp"
#include "soong/transaction.hpp"
#include "test_server.hpp"

namespace {

namespace data_api = soong::data_api;
namespace db = data_api_generated::db;
using data_api_testing::running_emulator;

constexpr const char* cluster_arn = "arn:aws:rds:eu-west-1:123456789012:cluster:batches";
constexpr const char* secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:b-AbCdEf";

soong::uuid id_of(int n) {
  return soong::uuid::parse("00000000-0000-0000-0000-" +
                            std::string(12 - std::to_string(n).size(), '0') + std::to_string(n));
}

class data_api_batch_items : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = soong::testing::fresh_database();
    soong::testing::run_sql(database_, R"sql(
      CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
      CREATE TYPE address AS (street text, zip varchar(10), floor int4);
      CREATE TABLE samples (
        id uuid PRIMARY KEY, code varchar(20) NOT NULL UNIQUE, at_local timestamp,
        at_zone timestamptz, day date, clock time, amount numeric, ratio float8, small float4,
        big int8, counts int4[], labels text[], feeling mood, feelings mood[], home address,
        doc jsonb, raw bytea, span interval, flag boolean);
      INSERT INTO samples (id, code, labels, feeling) VALUES
        ('00000000-0000-0000-0000-000000000001', 'a1', '{x,NULL}', 'sad'),
        ('00000000-0000-0000-0000-000000000002', 'a2', NULL, 'happy'),
        ('00000000-0000-0000-0000-000000000003', 'a3', '{}', 'sad'),
        ('00000000-0000-0000-0000-000000000004', 'a4', '{"q \"", "\\"}', 'ok');)sql");
    server_ = std::make_unique<running_emulator>(
        running_emulator::options_for(database_, cluster_arn, secret_arn));
    client_ = std::make_unique<data_api::client>(server_->client_config());
    conn_ = std::make_unique<soong::connection>(database_);
  }

  [[nodiscard]] std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const db::sample& s : db::list_samples(*conn_)) out.push_back(s.code);
    return out;
  }

  std::string database_;
  std::unique_ptr<running_emulator> server_;
  std::unique_ptr<data_api::client> client_;
  std::unique_ptr<soong::connection> conn_;
};

TEST_F(data_api_batch_items, batchone_gives_each_item_the_row_libpq_gives_it) {
  data_api::session session(*client_);
  const std::vector<soong::uuid> ids = {id_of(3), id_of(99), id_of(1), id_of(3)};
  const std::vector<std::optional<std::string>> over_api = db::sample_code_by_id(session, ids);
  const std::vector<std::optional<std::string>> over_libpq = db::sample_code_by_id(*conn_, ids);
  ASSERT_EQ(over_api.size(), ids.size());
  EXPECT_EQ(over_api, over_libpq);
  EXPECT_EQ(over_api[0], "a3");
  EXPECT_EQ(over_api[1], std::nullopt);
  EXPECT_EQ(over_api[2], "a1");
  // One transaction of its own, one ExecuteStatement per item.
  EXPECT_EQ(server_->count_starting_with("BeginTransaction 200"), 1U);
  EXPECT_EQ(server_->count_starting_with("Execute 200"), ids.size());
  EXPECT_EQ(server_->count_starting_with("CommitTransaction 200"), 1U);
}

TEST_F(data_api_batch_items, batchmany_gives_each_item_the_rows_libpq_gives_it) {
  data_api::session session(*client_);
  const std::vector<db::mood> feelings = {db::mood::sad, db::mood::ok, db::mood::happy,
                                          db::mood::sad};
  const auto over_api = db::samples_by_feeling(session, feelings);
  const auto over_libpq = db::samples_by_feeling(*conn_, feelings);
  ASSERT_EQ(over_api.size(), over_libpq.size());
  for (std::size_t k = 0; k < over_api.size(); ++k) {
    ASSERT_EQ(over_api[k].size(), over_libpq[k].size()) << "item " << k;
    for (std::size_t i = 0; i < over_api[k].size(); ++i) {
      EXPECT_EQ(over_api[k][i].id, over_libpq[k][i].id);
      EXPECT_EQ(over_api[k][i].code, over_libpq[k][i].code);
      EXPECT_EQ(over_api[k][i].labels, over_libpq[k][i].labels);
    }
  }
  ASSERT_EQ(over_api[0].size(), 2U);
  EXPECT_EQ(over_api[0][0].code, "a1");
  EXPECT_EQ(over_api[0][1].code, "a3");
  ASSERT_TRUE(over_api[1].size() == 1U && over_api[1][0].labels.has_value());
  EXPECT_EQ(*over_api[1][0].labels,
            (std::vector<std::optional<std::string>>{std::string("q \""), std::string("\\")}));
}

TEST_F(data_api_batch_items, a_failing_item_carries_its_index_and_nothing_stays_applied) {
  data_api::session session(*client_);
  // Item 2 takes the code item 0 just took.
  const std::vector<db::relabel_sample_params> items = {{.new_code = "b1", .id = id_of(1)},
                                                        {.new_code = "b2", .id = id_of(2)},
                                                        {.new_code = "b1", .id = id_of(3)},
                                                        {.new_code = "b4", .id = id_of(4)}};
  std::optional<std::size_t> api_index;
  try {
    static_cast<void>(db::relabel_sample(session, items));
    ADD_FAILURE() << "the duplicate code was accepted";
  } catch (const soong::unique_violation& e) {
    api_index = e.batch_index();
    EXPECT_EQ(e.query_name(), "RelabelSample");
    EXPECT_NE(std::string(e.what()).find("RelabelSample: batch item 2: "), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(api_index, std::optional<std::size_t>(2));
  EXPECT_EQ(codes(), (std::vector<std::string>{"a1", "a2", "a3", "a4"}));

  // libpq reports the same index for the same items.
  std::optional<std::size_t> libpq_index;
  try {
    soong::transaction tx(*conn_);
    static_cast<void>(db::relabel_sample(*conn_, items));
  } catch (const soong::unique_violation& e) {
    libpq_index = e.batch_index();
  }
  EXPECT_EQ(libpq_index, api_index);
}

TEST_F(data_api_batch_items, in_the_callers_transaction_the_caller_commits_or_rolls_back) {
  {
    data_api::transaction tx(*client_);
    data_api::session in_tx(tx);
    const auto rows = db::relabel_sample(
        in_tx, std::vector<db::relabel_sample_params>{{.new_code = "c1", .id = id_of(1)}});
    ASSERT_TRUE(rows.size() == 1U && rows[0].has_value());
    EXPECT_EQ(rows[0]->code, "c1");
    EXPECT_EQ(codes()[0], "a1");  // not committed yet
    tx.commit();
  }
  EXPECT_EQ(codes(), (std::vector<std::string>{"a2", "a3", "a4", "c1"}));  // ordered by code
  EXPECT_EQ(server_->count_starting_with("BeginTransaction 200"), 1U);
  {
    data_api::transaction tx(*client_);
    data_api::session in_tx(tx);
    try {
      static_cast<void>(db::relabel_sample(
          in_tx, std::vector<db::relabel_sample_params>{{.new_code = "d2", .id = id_of(2)},
                                                        {.new_code = "d2", .id = id_of(3)}}));
      ADD_FAILURE() << "the duplicate code was accepted";
    } catch (const soong::unique_violation& e) {
      EXPECT_EQ(e.batch_index(), std::optional<std::size_t>(1));
    }
  }  // rolled back by the transaction's destructor
  EXPECT_EQ(codes(), (std::vector<std::string>{"a2", "a3", "a4", "c1"}));
}

TEST_F(data_api_batch_items, an_empty_batch_sends_nothing) {
  data_api::session session(*client_);
  EXPECT_TRUE(db::sample_code_by_id(session, std::vector<soong::uuid>{}).empty());
  EXPECT_TRUE(db::samples_by_feeling(session, std::vector<db::mood>{}).empty());
  EXPECT_EQ(server_->count_starting_with(""), 0U);
}

// :batchexec sends BatchExecute; the service does not say which parameter set failed, so the
// batch's own transaction is replayed (and rolled back) to find it.
TEST_F(data_api_batch_items, batchexec_reports_the_index_libpq_reports) {
  data_api::session session(*client_);
  std::vector<db::add_sample_codes_params> items;
  for (int n = 10; n < 16; ++n) items.push_back({.id = id_of(n), .code = "e" + std::to_string(n)});
  items[4].code = "a2";  // already there
  std::optional<std::size_t> api_index;
  try {
    db::add_sample_codes(session, items);
    ADD_FAILURE() << "the duplicate code was accepted";
  } catch (const soong::unique_violation& e) {
    api_index = e.batch_index();
    EXPECT_NE(std::string(e.what()).find("AddSampleCodes: batch item 4: "), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(api_index, std::optional<std::size_t>(4));
  EXPECT_EQ(codes().size(), 4U);

  std::optional<std::size_t> libpq_index;
  try {
    soong::transaction tx(*conn_);
    db::add_sample_codes(*conn_, items);
  } catch (const soong::unique_violation& e) {
    libpq_index = e.batch_index();
  }
  EXPECT_EQ(libpq_index, api_index);
  EXPECT_EQ(codes().size(), 4U);

  // A batch of one item needs no replay.
  try {
    db::add_sample_codes(session,
                         std::vector<db::add_sample_codes_params>{{.id = id_of(20), .code = "a3"}});
    ADD_FAILURE() << "the duplicate code was accepted";
  } catch (const soong::unique_violation& e) {
    EXPECT_EQ(e.batch_index(), std::optional<std::size_t>(0));
  }
}

TEST_F(data_api_batch_items, text_a_batch_item_cannot_hold_is_refused_naming_the_item) {
  data_api::session session(*client_);
  for (const std::string& bad : {std::string("nul\0inside", 10), std::string("\xc3\x28")}) {
    const std::vector<db::add_sample_codes_params> items = {{.id = id_of(30), .code = "fine"},
                                                            {.id = id_of(31), .code = bad}};
    try {
      db::add_sample_codes(session, items);
      ADD_FAILURE() << "sent text PostgreSQL cannot hold";
    } catch (const soong::sql_error& e) {
      EXPECT_EQ(e.sqlstate(), "22021") << e.what();
      EXPECT_EQ(e.batch_index(), std::optional<std::size_t>(1)) << e.what();
      EXPECT_NE(std::string(e.what()).find("AddSampleCodes"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(server_->count_starting_with("BatchExecute"), 0U);
  EXPECT_EQ(codes().size(), 4U);
}

}  // namespace
