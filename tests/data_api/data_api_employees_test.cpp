// The employees example (examples/data_api) run over libpq against PostgreSQL and over the
// emulator of the RDS Data API, each on a database of its own: the same handler code gives the
// same rows, and a batch is applied whole or not at all on both, however many BatchExecute
// requests the Data API needs for it.

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "employees_handler.hpp"
#include "running_emulator.hpp"
#include "soong/connection.hpp"
#include "soong/data_api/batch.hpp"
#include "soong/data_api/client.hpp"
#include "soong/data_api/fields.hpp"
#include "soong/data_api/session.hpp"
#include "soong/error.hpp"
#include "test_server.hpp"

namespace {

namespace data_api = soong::data_api;

constexpr const char* cluster_arn = "arn:aws:rds:eu-west-1:123456789012:cluster:employees";
constexpr const char* secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:e-AbCdEf";

using data_api_testing::running_emulator;

std::string example_schema() {
  std::ifstream in(std::string(SOONG_EMPLOYEES_EXAMPLE_DIR) + "/sql/schema.sql");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Employees first_id, first_id + 1, ...; `name_bytes` pads each name to make requests large.
std::vector<employees::employee> new_employees(std::int64_t first_id, std::size_t count,
                                               std::size_t name_bytes = 0) {
  std::vector<employees::employee> out;
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t id = first_id + static_cast<std::int64_t>(i);
    std::string name = "Employee " + std::to_string(id);
    if (name.size() < name_bytes) name.append(name_bytes - name.size(), 'x');
    out.push_back({.id = id,
                   .name = std::move(name),
                   .email = "e" + std::to_string(id) + "@example.com",
                   .department = i % 2 == 0 ? "Engineering" : "Sales"});
  }
  return out;
}

nlohmann::json insert_event(const std::vector<employees::employee>& batch) {
  nlohmann::json rows = nlohmann::json::array();
  for (const employees::employee& e : batch) {
    rows.push_back(
        {{"id", e.id}, {"name", e.name}, {"email", e.email}, {"department", e.department}});
  }
  return {{"action", "insert"}, {"employees", std::move(rows)}};
}

const nlohmann::json list_event = {{"action", "list"}};

class data_api_employees : public ::testing::Test {
 protected:
  void SetUp() override {
    libpq_database_ = soong::testing::fresh_database();
    data_api_database_ = soong::testing::fresh_database();
    soong::testing::run_sql(libpq_database_, example_schema());
    soong::testing::run_sql(data_api_database_, example_schema());
    conn_ = std::make_unique<soong::connection>(libpq_database_);
    server_ = std::make_unique<running_emulator>(
        running_emulator::options_for(data_api_database_, cluster_arn, secret_arn));
    client_ = std::make_unique<data_api::client>(server_->client_config());
    session_ = std::make_unique<data_api::session>(*client_);
  }

  /// Runs the handler on both transports; expects the same answer and returns it.
  /// Messages may differ: libpq names the failing item and the constraint, the service's
  /// message does not.
  nlohmann::json on_both(const nlohmann::json& event) {
    nlohmann::json over_libpq = employees::handle(*conn_, event);
    nlohmann::json over_data_api = employees::handle(*session_, event);
    const std::string libpq_message = over_libpq.value("message", "");
    const std::string data_api_message = over_data_api.value("message", "");
    over_libpq.erase("message");
    over_data_api.erase("message");
    EXPECT_EQ(over_libpq, over_data_api) << event.dump().substr(0, 200);
    over_data_api["libpq_message"] = libpq_message;
    over_data_api["data_api_message"] = data_api_message;
    return over_data_api;
  }

  std::string libpq_database_;
  std::string data_api_database_;
  std::unique_ptr<soong::connection> conn_;
  std::unique_ptr<running_emulator> server_;
  std::unique_ptr<data_api::client> client_;
  std::unique_ptr<data_api::session> session_;
};

TEST_F(data_api_employees, a_batch_of_50_commits_and_lists_the_same_on_both) {
  EXPECT_EQ(on_both(list_event)["employees"], nlohmann::json::array());
  const nlohmann::json inserted = on_both(insert_event(new_employees(1, 50)));
  EXPECT_EQ(inserted["statusCode"], 201);
  EXPECT_EQ(inserted["inserted"], 50);

  const nlohmann::json listed = on_both(list_event);
  ASSERT_EQ(listed["employees"].size(), 50U);
  EXPECT_EQ(listed["employees"][36]["id"], 37);
  EXPECT_EQ(listed["employees"][36]["email"], "e37@example.com");
  EXPECT_EQ(listed["employees"][49]["department"], "Sales");
  EXPECT_EQ(server_->count_starting_with("BatchExecute 200"), 1U);
}

TEST_F(data_api_employees, a_duplicate_in_row_37_leaves_none_of_the_50) {
  const std::vector<employees::employee> first = new_employees(1, 1);
  on_both(insert_event(first));

  std::vector<employees::employee> batch = new_employees(100, 50);
  batch[36].email = first[0].email;  // row 37 repeats a unique email
  const nlohmann::json refused = on_both(insert_event(batch));
  EXPECT_EQ(refused["statusCode"], 409);
  for (const char* message : {"libpq_message", "data_api_message"}) {
    const std::string text = refused[message].get<std::string>();
    EXPECT_TRUE(text.starts_with("InsertEmployees: ")) << text;
    EXPECT_NE(text.find("duplicate key value violates unique constraint"), std::string::npos)
        << text;
  }

  EXPECT_EQ(on_both(list_event)["employees"].size(), 1U);
  EXPECT_EQ(employees::db::list_employees(*conn_).size(), 1U);
  EXPECT_EQ(employees::db::list_employees(*session_).size(), 1U);
}

TEST_F(data_api_employees, a_duplicate_throws_unique_violation_naming_the_query_on_both) {
  std::vector<employees::employee> batch = new_employees(1, 50);
  batch[36].id = batch[0].id;
  const auto expect_refused = [&](auto& db) {
    try {
      employees::insert(db, std::span<const employees::employee>(batch));
      ADD_FAILURE() << "the duplicate was accepted";
    } catch (const soong::unique_violation& e) {
      EXPECT_EQ(e.query_name(), "InsertEmployees");
    }
    EXPECT_TRUE(employees::list(db).empty());
  };
  expect_refused(*conn_);
  expect_refused(*session_);
}

TEST_F(data_api_employees, a_batch_over_4_mib_is_split_and_still_all_or_nothing) {
  // About 6 MiB of JSON: 6000 employees with 1 KiB names.
  const std::vector<employees::employee> batch = new_employees(1, 6000, 1024);

  // The generated overload on a session without a transaction: its own one.
  std::vector<employees::db::insert_employees_params> items;
  for (const employees::employee& e : batch) {
    items.push_back({.id = e.id, .name = e.name, .email = e.email, .department = e.department});
  }
  employees::db::insert_employees(*session_, items);
  const std::size_t requests = server_->count_starting_with("BatchExecute 200");
  EXPECT_EQ(requests, 2U);
  EXPECT_EQ(server_->count_starting_with("BatchExecute"), requests) << "a request was refused";
  EXPECT_EQ(server_->count_starting_with("BeginTransaction 200"), 1U);
  EXPECT_EQ(server_->count_starting_with("CommitTransaction 200"), 1U);
  EXPECT_EQ(employees::db::count_employees(*session_), 6000);

  // The same size again, the duplicate in the last request: the first request's rows go too.
  std::vector<employees::employee> again = new_employees(10'001, 6000, 1024);
  again.back().id = again.front().id;
  EXPECT_THROW(employees::insert(*session_, std::span<const employees::employee>(again)),
               soong::unique_violation);
  EXPECT_EQ(server_->count_starting_with("BatchExecute 200"), requests + 1);
  EXPECT_EQ(employees::db::count_employees(*session_), 6000);
  EXPECT_EQ(server_->count_starting_with("RollbackTransaction 200"), 1U);
}

TEST_F(data_api_employees, each_request_of_a_split_batch_fits_the_limit_as_sent) {
  std::vector<nlohmann::json> sets;
  for (int i = 0; i < 5000; ++i) {
    sets.push_back(nlohmann::json::array(
        {data_api::parameter("name", std::string(1000, static_cast<char>('a' + i % 26)))}));
  }
  const nlohmann::json body = {{"sql", "SELECT CAST(:name AS text)"}, {"transactionId", "t1"}};
  const auto requests = data_api::split_batch(*client_, body, sets, "Sizes");
  ASSERT_GE(requests.size(), 2U);
  std::size_t total = 0;
  for (std::size_t k = 0; k < requests.size(); ++k) {
    nlohmann::json sent = body;
    sent["parameterSets"] = requests[k];
    const std::size_t size = client_->request_body("BatchExecute", sent).dump().size();
    EXPECT_LE(size, data_api::max_batch_request_bytes);
    // Full: the next set would not have fitted.
    if (k + 1 < requests.size()) {
      EXPECT_GT(size + 1 + requests[k + 1].front().dump().size(),
                data_api::max_batch_request_bytes);
    }
    total += requests[k].size();
  }
  EXPECT_EQ(total, sets.size());

  const std::vector<nlohmann::json> too_big = {
      nlohmann::json::array({data_api::parameter("name", std::string(5 * 1024 * 1024, 'x'))})};
  EXPECT_THROW(static_cast<void>(data_api::split_batch(*client_, body, too_big, "Sizes")),
               data_api::request_too_large);
}

}  // namespace
