// The _json twin of a query (PostgreSQL's row_to_json / array_to_json) and soong::to_json_string
// of the typed rows must give the same bytes for every type soong maps, under servers whose
// default time zone is UTC, America/New_York or Asia/Kolkata (soong sessions run in UTC unless
// the user picked a zone); nlohmann's to_json of the rows must parse equal to the same text.
// json/jsonb columns hold PostgreSQL's own text, so those compare equal after parsing.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <soong/json.hpp>
#include <soong/json_writer.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "pgbouncer_server.hpp"
#include "scoped_env.hpp"
#include "test_server.hpp"
#include "values.sql.hpp"

namespace {
namespace db = json_text::db;

std::string read_source(const std::string& name) {
  std::ifstream in(std::string(SOONG_JSON_TEXT_DIR) + "/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw std::runtime_error("cannot read " + name);
  return text.str();
}

std::string seeded_database() {
  std::string conninfo = soong::testing::seeded_database(read_source("schema.sql"));
  soong::testing::run_sql(conninfo, read_source("seed.sql"));
  return conninfo;
}

/// Makes `zone` the database's default time zone for new sessions (the server side of the
/// setting, not the client's PGTZ, which is an explicit choice soong keeps).
void set_database_zone(const std::string& conninfo, const std::string& zone) {
  soong::testing::run_sql(conninfo,
                          "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', "
                          "current_database(), '" +
                              zone + "'); END $$");
}

/// The zone the server reports to a plain libpq connection (what a session starts with).
std::string server_default_zone(const std::string& conninfo) {
  const std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) throw std::runtime_error("cannot connect");
  const char* zone = PQparameterStatus(conn.get(), "TimeZone");
  return zone != nullptr ? zone : "";
}

using soong::testing::scoped_env;

void expect_same_text(soong::connection& conn) {
  const auto rows = db::list_values(conn);
  ASSERT_EQ(rows.size(), 4u);
  const std::string server = db::list_values_json(conn);
  EXPECT_EQ(soong::to_json_string(rows), server);
  EXPECT_EQ(nlohmann::json(rows), nlohmann::json::parse(server)) << server;
  for (const auto& row : rows) {
    const std::optional<std::string> one = db::get_value_json(conn, row.id);
    ASSERT_TRUE(one.has_value()) << row.id;
    const auto typed = db::get_value(conn, row.id);
    EXPECT_EQ(soong::to_json_string(typed), *one) << "row " << row.id;
    EXPECT_EQ(soong::to_json_string(row), *one) << "row " << row.id;
    EXPECT_EQ(nlohmann::json(*typed), nlohmann::json::parse(*one)) << *one;
  }
  // No row: the twin has none and the typed call has none.
  EXPECT_FALSE(db::get_value_json(conn, 99).has_value());
  EXPECT_EQ(soong::to_json_string(db::get_value(conn, 99)), "null");
}

void expect_parse_equal_json_columns(soong::connection& conn) {
  const auto rows = db::list_json_columns(conn);
  ASSERT_EQ(rows.size(), 3u);
  const auto server = nlohmann::json::parse(db::list_json_columns_json(conn));
  EXPECT_EQ(nlohmann::json::parse(soong::to_json_string(rows)), server);
  EXPECT_EQ(nlohmann::json(rows), server);
  for (const auto& row : rows) {
    const auto one = db::get_json_columns_json(conn, row.id);
    ASSERT_TRUE(one.has_value());
    EXPECT_EQ(nlohmann::json::parse(soong::to_json_string(row)), nlohmann::json::parse(*one));
  }
}

class json_text_live : public ::testing::TestWithParam<const char*> {};

TEST_P(json_text_live, twin_and_client_text_are_the_same_bytes) {
  const std::string conninfo = seeded_database();
  set_database_zone(conninfo, GetParam());
  ASSERT_EQ(server_default_zone(conninfo), GetParam()) << "the server default did not take";
  soong::connection conn(conninfo);
  EXPECT_EQ(db::session_time_zone(conn), "UTC");
  expect_same_text(conn);
  expect_parse_equal_json_columns(conn);

  // After a reconnect the session is put in UTC again.
  conn.reconnect();
  EXPECT_EQ(db::session_time_zone(conn), "UTC");
  expect_same_text(conn);
}

INSTANTIATE_TEST_SUITE_P(server_zones, json_text_live,
                         ::testing::Values("UTC", "America/New_York", "Asia/Kolkata"));

TEST(json_text_zone, a_utc_alias_is_left_alone) {
  const std::string conninfo = seeded_database();
  set_database_zone(conninfo, "Etc/UTC");
  soong::connection conn(conninfo);
  EXPECT_EQ(db::session_time_zone(conn), "Etc/UTC");
  expect_same_text(conn);
}

TEST(json_text_zone, pgtz_is_an_explicit_choice_and_kept) {
  const std::string conninfo = seeded_database();
  set_database_zone(conninfo, "Asia/Kolkata");
  const scoped_env pgtz("PGTZ", "America/New_York");
  soong::connection conn(conninfo);
  EXPECT_EQ(db::session_time_zone(conn), "America/New_York");
  // The twin renders timestamptz in the chosen zone: 12:00:00.5 UTC is 08:00:00.5 EDT.
  const std::string twin = db::first_instant_json(conn).value();
  EXPECT_EQ(twin, R"({"tz":"2026-06-01T08:00:00.5-04:00"})");
  conn.reconnect();
  EXPECT_EQ(db::session_time_zone(conn), "America/New_York");
}

TEST(json_text_zone, a_timezone_in_options_is_an_explicit_choice_and_kept) {
  const std::string conninfo = seeded_database();
  for (const char* option :
       {"-c timezone=Asia/Kolkata", "-c TimeZone=Asia/Kolkata", "--timezone=Asia/Kolkata"}) {
    soong::connection conn(conninfo + " options='" + option + "'");
    EXPECT_EQ(db::session_time_zone(conn), "Asia/Kolkata") << option;
    EXPECT_EQ(db::first_instant_json(conn).value(), R"({"tz":"2026-06-01T17:30:00.5+05:30"})");
  }
  // Other options do not count as a choice of zone.
  set_database_zone(conninfo, "Asia/Kolkata");
  soong::connection conn(conninfo + " options='-c application_name=timezone_test'");
  EXPECT_EQ(db::session_time_zone(conn), "UTC");
}

// TimeZone is a parameter PgBouncer tracks per client: the one SET soong sends on connect
// follows the client onto every server connection it is given in transaction pooling, while
// other clients' sessions keep the server's default.
TEST(json_text_zone, utc_survives_transaction_pooling) {
  const std::string conninfo = seeded_database();
  set_database_zone(conninfo, "Asia/Kolkata");
  std::string dbname;
  {
    soong::connection direct(conninfo);
    dbname = PQdb(direct.native_handle());
  }
  soong::testing::pgbouncer_server bouncer;  // transaction pooling, two server connections
  const std::string pooled = bouncer.conninfo(dbname);
  const std::string pooled_soong = pooled + " pooler=transaction";
  soong::connection conn(pooled_soong);
  const std::unique_ptr<PGconn, decltype(&PQfinish)> other(PQconnectdb(pooled.c_str()), &PQfinish);
  ASSERT_EQ(PQstatus(other.get()), CONNECTION_OK) << PQerrorMessage(other.get());
  const auto other_sql = [&](const char* sql) {
    const std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(other.get(), sql), &PQclear);
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      throw std::runtime_error(PQerrorMessage(other.get()));
    }
    return PQntuples(r.get()) > 0 ? std::string(PQgetvalue(r.get(), 0, 0)) : std::string();
  };

  std::set<int> backends;
  for (int i = 0; i < 12; ++i) {
    // Every other round the other client holds a server connection in an open transaction, so
    // ours runs on the remaining one; otherwise PgBouncer hands out whichever is free.
    const bool hold = i % 2 == 0;
    if (hold) {
      other_sql("BEGIN");
      EXPECT_EQ(other_sql("SELECT current_setting('TimeZone')"), "Asia/Kolkata");
    }
    const auto row = db::session_zone_and_backend(conn);
    EXPECT_EQ(row.zone, "UTC") << "round " << i;
    backends.insert(row.pid.value());
    EXPECT_EQ(db::first_instant_json(conn).value(), R"({"tz":"2026-06-01T12:00:00.5+00:00"})");
    if (hold) other_sql("COMMIT");
  }
  EXPECT_GE(backends.size(), 2u) << "the client never moved between server connections";
}

}  // namespace
