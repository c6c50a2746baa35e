// Hostile text through the generated Data API functions (the emulator over a throwaway
// PostgreSQL): quotes, backslashes, dollar quotes, text that looks like a `:name` placeholder,
// Unicode confusables and control characters come back byte for byte, as over libpq; NUL and
// invalid UTF-8 are refused as libpq refuses them (soong::sql_error, SQLSTATE 22021, naming the
// query), with nothing sent.

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
#include "test_server.hpp"

namespace {

namespace data_api = soong::data_api;
namespace db = data_api_generated::db;
using data_api_testing::running_emulator;

constexpr const char* cluster_arn = "arn:aws:rds:eu-west-1:123456789012:cluster:hostile";
constexpr const char* secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:h-AbCdEf";

/// Every byte from 0x01 to 0x7f: the control characters, DEL and ASCII punctuation.
std::string every_ascii_byte_but_nul() {
  std::string s;
  for (int c = 1; c < 0x80; ++c) s.push_back(static_cast<char>(c));
  return s;
}

const std::vector<std::string>& hostile_strings() {
  static const std::vector<std::string> strings = {
      "it's",
      "''",
      "\\",
      "\\'; DROP TABLE notes; --",
      "back\\slash \\x41 \\n \\\\",
      "$$",
      "$$ dollar $$",
      "$tag$ x $tag$",
      "$1 $2",
      ":id",
      ":body and :tags",
      "CAST(:body AS text)",
      "::text",
      "{\"a\",NULL}",
      "(1,2)",
      "\"double\"",
      // Confusables: Cyrillic а and р, a right-to-left override, zero-width joiner and space,
      // é composed and decomposed, a byte-order mark, an emoji with a skin tone.
      "p\xd0\xb0yp\xd0\xb0l",
      "\xe2\x80\xae"
      "evil"
      "\xe2\x80\xac",
      "a\xe2\x80\x8d"
      "b\xe2\x80\x8b"
      "c",
      "\xc3\xa9 e\xcc\x81",
      "\xef\xbb\xbf"
      "bom",
      "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
      every_ascii_byte_but_nul(),
      "\r\n\t\x1b[31mred\x1b[0m\x7f",
      "",
      " ",
  };
  return strings;
}

class data_api_hostile_strings : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = soong::testing::fresh_database();
    soong::testing::run_sql(
        database_,
        "CREATE TABLE notes (id int4 PRIMARY KEY, body text NOT NULL, tags text[], "
        "doc jsonb)");
    server_ = std::make_unique<running_emulator>(
        running_emulator::options_for(database_, cluster_arn, secret_arn));
    client_ = std::make_unique<data_api::client>(server_->client_config());
    conn_ = std::make_unique<soong::connection>(database_);
  }

  std::string database_;
  std::unique_ptr<running_emulator> server_;
  std::unique_ptr<data_api::client> client_;
  std::unique_ptr<soong::connection> conn_;
};

TEST_F(data_api_hostile_strings, read_back_byte_for_byte_as_over_libpq) {
  data_api::session session(*client_);
  const std::vector<std::string>& strings = hostile_strings();
  for (std::size_t i = 0; i < strings.size(); ++i) {
    const std::string& s = strings[i];
    const int id = static_cast<int>(i);
    const std::vector<std::string> tags = {s, "NULL", s};
    db::add_note(session, {.id = id, .body = s, .tags = tags, .doc = nlohmann::json{{"s", s}}});

    const auto over_api = db::get_note(session, id);
    const auto over_libpq = db::get_note(*conn_, id);
    ASSERT_TRUE(over_api.has_value() && over_libpq.has_value()) << "string " << i;
    EXPECT_EQ(over_api->body, s) << "string " << i;
    EXPECT_EQ(over_libpq->body, s) << "string " << i;
    const std::vector<std::optional<std::string>> expected_tags = {s, std::string("NULL"), s};
    EXPECT_EQ(over_api->tags, expected_tags) << "string " << i;
    EXPECT_EQ(over_libpq->tags, expected_tags) << "string " << i;
    ASSERT_TRUE(over_api->doc.has_value()) << "string " << i;
    EXPECT_EQ(over_api->doc->at("s").get<std::string>(), s) << "string " << i;

    // As a compared parameter, and through a statement that only echoes it.
    EXPECT_EQ(db::notes_with_body(session, s), std::vector<std::int32_t>{id}) << "string " << i;
    EXPECT_EQ(db::echo_text(session, s), std::optional<std::string>(s)) << "string " << i;
    // The JSON twin's text is PostgreSQL's on both transports.
    EXPECT_EQ(db::get_note_json(session, id), db::get_note_json(*conn_, id)) << "string " << i;
  }
  EXPECT_EQ(db::list_notes_count(*conn_), static_cast<std::int64_t>(strings.size()));
}

// The service answers at most 64 KB a row (the emulator counts the bytea's hex text), so a long
// string goes in whole and reads back whole over libpq; over the Data API a digest of it matches,
// and reading it whole is soong::data_api::response_too_large naming the query.
TEST_F(data_api_hostile_strings, long_strings_arrive_whole) {
  data_api::session session(*client_);
  std::string medium;
  while (medium.size() < 30'000) medium += "\xd0\xb0'\\$$:x ";
  std::string megabyte;
  while (megabyte.size() < 1'000'000) megabyte += "\xf0\x9f\x91\x8d '\\\" $$ :body \x01\x1f ";
  db::add_note(session, {.id = 1, .body = medium, .tags = std::nullopt, .doc = std::nullopt});
  db::add_note(session, {.id = 2, .body = megabyte, .tags = std::nullopt, .doc = std::nullopt});

  const auto medium_back = db::get_note(session, 1);
  ASSERT_TRUE(medium_back.has_value());
  EXPECT_TRUE(medium_back->body == medium) << "the 30 kB string changed on the way";

  const auto whole = db::get_note(*conn_, 2);
  ASSERT_TRUE(whole.has_value());
  EXPECT_EQ(whole->body.size(), megabyte.size());
  EXPECT_TRUE(whole->body == megabyte) << "the 1 MB string changed on the way";
  const auto digest_api = db::note_digest(session, 2);
  const auto digest_libpq = db::note_digest(*conn_, 2);
  ASSERT_TRUE(digest_api.has_value() && digest_libpq.has_value());
  EXPECT_EQ(digest_api->bytes, static_cast<std::int32_t>(megabyte.size()));
  EXPECT_EQ(digest_api->digest, digest_libpq->digest);
  EXPECT_EQ(db::notes_with_body(session, megabyte), std::vector<std::int32_t>{2});
  try {
    static_cast<void>(db::get_note(session, 2));
    ADD_FAILURE() << "a row over 64 KB came back";
  } catch (const data_api::response_too_large& e) {
    EXPECT_NE(std::string(e.what()).find("GetNote"), std::string::npos) << e.what();
  }
}

TEST_F(data_api_hostile_strings, nul_and_invalid_utf8_are_refused_as_over_libpq) {
  data_api::session session(*client_);
  const std::vector<std::string> refused = {std::string("before\0after", 12),
                                            std::string("\0", 1),
                                            std::string("\xff\xfe"),
                                            std::string("ok \xc3\x28 broken"),
                                            std::string("\xed\xa0\x80 surrogate"),
                                            std::string("\xc0\xaf overlong")};
  for (const std::string& bad : refused) {
    std::string api_state;
    try {
      db::add_note(session, {.id = 9, .body = bad, .tags = std::nullopt, .doc = std::nullopt});
      ADD_FAILURE() << "stored text PostgreSQL cannot hold";
    } catch (const soong::sql_error& e) {
      api_state = e.sqlstate();
      EXPECT_EQ(e.query_name(), "AddNote");
      EXPECT_NE(std::string(e.what()).find("parameter \"body\""), std::string::npos) << e.what();
      EXPECT_FALSE(e.batch_index().has_value());
    }
    std::string libpq_state;
    try {
      db::add_note(*conn_, {.id = 9, .body = bad, .tags = std::nullopt, .doc = std::nullopt});
      ADD_FAILURE() << "libpq stored text PostgreSQL cannot hold";
    } catch (const soong::sql_error& e) {
      libpq_state = e.sqlstate();
    }
    EXPECT_EQ(api_state, "22021");
    EXPECT_EQ(api_state, libpq_state);
    // Inside an array literal too.
    const std::vector<std::string> tags = {"fine", bad};
    EXPECT_THROW(db::add_note(session, {.id = 9, .body = "ok", .tags = tags, .doc = std::nullopt}),
                 soong::sql_error);
    EXPECT_THROW(static_cast<void>(db::echo_text(session, bad)), soong::sql_error);
  }
  EXPECT_EQ(server_->count_starting_with(""), 0U) << "something was sent";
  EXPECT_EQ(db::list_notes_count(*conn_), 0);
}

}  // namespace
