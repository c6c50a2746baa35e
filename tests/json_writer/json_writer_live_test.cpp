// The generated JSON writer over rows read from PostgreSQL: every type soong maps, NULL in every
// column of one row, NaN and infinities, strings and keys that need escaping. For each query,
// soong::to_json_string of the typed rows must parse to what nlohmann's dump() of the same rows
// (the generated to_json) parses to, and keys must come in the order row_to_json gives them.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <soong/json.hpp>
#include <soong/json_writer.hpp>
#include <string>
#include <vector>

#include "test_files.hpp"
#include "test_server.hpp"
#include "values.sql.hpp"

namespace {
namespace db = json_writer::db;

std::string read_source(const std::string& name) {
  return soong::testing::read_file(std::string(SOONG_JSON_WRITER_DIR) + "/" + name);
}

/// The writer's text parses to what nlohmann's dump() of the same value parses to (NaN and
/// infinities are null in both); returns the writer's text.
template <class T>
std::string expect_same_json(const T& value) {
  const std::string direct = soong::to_json_string(value);
  const std::string dumped = nlohmann::json(value).dump();
  EXPECT_EQ(nlohmann::json::parse(direct), nlohmann::json::parse(dumped))
      << "direct:   " << direct << "\nnlohmann: " << dumped;
  return direct;
}

std::vector<std::string> keys_in_order(const std::string& object_text) {
  const auto object = nlohmann::ordered_json::parse(object_text);
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.push_back(it.key());
  return keys;
}

class json_writer_live : public ::testing::Test {
 protected:
  static std::string seeded_database() {
    std::string conninfo = soong::testing::seeded_database(read_source("schema.sql"));
    soong::testing::run_sql(conninfo, read_source("seed.sql"));
    return conninfo;
  }
  soong::connection conn{seeded_database()};
};

TEST_F(json_writer_live, rows_of_every_type_match_nlohmann) {
  const auto rows = db::list_values(conn);
  ASSERT_EQ(rows.size(), 3u);
  const std::string all = expect_same_json(rows);
  for (const auto& row : rows) expect_same_json(row);

  // Spot checks of the text itself (the comparison above is only as good as nlohmann's side).
  const std::string first = soong::to_json_string(rows[0]);
  for (const char* fragment :
       {R"("f4":"Infinity","f8":"NaN","n":"NaN")", R"("vc":"x\"y","bp":"ab ","by":"\\x00ff10")",
        R"(newline \n tab \t bell \u0007 del )", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
        R"("d":"infinity","tm":"13:45:00.25","ts":"-infinity","tz":"2024-02-29T13:45:00.25+00:00")",
        R"("iv":"1 year 2 mons 3 days -00:00:05")", R"("m":"o\"k")",
        R"("c":{"label":"a\"b","x":"-Infinity","tags":["x",null]})",
        R"("f8a":[1.5,"NaN","-Infinity",null])", R"("ma":["sad",null,"back\\slash","ünïcode"])",
        R"("ba":["\\x01",null,"\\x"])", R"("quoted \"key\"":7)"}) {
    EXPECT_NE(first.find(fragment), std::string::npos) << fragment << "\nin " << first;
  }
  EXPECT_EQ(all.front(), '[');
  EXPECT_NE(all.find(R"({"id":2,"b":null,"i2":null,)"), std::string::npos) << all;
  EXPECT_NE(soong::to_json_string(rows[2]).find(R"("d":"0001-01-01 BC","tm":"24:00:00")"),
            std::string::npos);
}

TEST_F(json_writer_live, keys_come_in_the_order_row_to_json_gives) {
  for (int id : {1, 2, 3}) {
    const auto row = db::get_value(conn, id);
    ASSERT_TRUE(row);
    const auto server = db::get_value_json(conn, id);
    ASSERT_TRUE(server);
    EXPECT_EQ(keys_in_order(soong::to_json_string(*row)), keys_in_order(*server)) << id;
    expect_same_json(row);
  }
  const auto missing = db::get_value(conn, 99);
  EXPECT_EQ(expect_same_json(missing), "null");

  const auto renamed = db::list_renamed(conn);
  ASSERT_FALSE(renamed.empty());
  expect_same_json(renamed);
  EXPECT_EQ(keys_in_order(soong::to_json_string(renamed[0])),
            (std::vector<std::string>{"first", "second \"quoted\"", "third\\"}));
}

TEST_F(json_writer_live, single_column_and_composite_rows_match_nlohmann) {
  EXPECT_EQ(expect_same_json(db::list_doubles(conn)), R"(["NaN",null,0.1])");
  const auto samples = db::list_samples(conn);
  EXPECT_EQ(expect_same_json(samples),
            R"([{"label":"a\"b","x":"-Infinity","tags":["x",null]},null,)"
            R"({"label":null,"x":null,"tags":null}])");
}

}  // namespace
