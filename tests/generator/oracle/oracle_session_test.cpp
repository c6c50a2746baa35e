// The oracle's database: the embedded server (started and removed) and the scratch database
// on an existing server (created and dropped, also when unwinding).

#include "oracle/oracle_session.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <array>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "oracle/cache_key.hpp"
#include "oracle/pg_handles.hpp"
#include "test_server.hpp"

namespace soong::gen {
namespace {

std::string single_value(PGconn* conn, const std::string& sql) {
  oracle_detail::result_ptr result(PQexec(conn, sql.c_str()));
  EXPECT_EQ(PQresultStatus(result.get()), PGRES_TUPLES_OK) << PQresultErrorMessage(result.get());
  if (PQntuples(result.get()) != 1) return "<no row>";
  return PQgetvalue(result.get(), 0, 0);
}

bool database_exists(const std::string& name) {
  oracle_detail::connection_ptr admin(PQconnectdb(soong::testing::conninfo().c_str()));
  oracle_detail::result_ptr result(
      PQexecParams(admin.get(), "SELECT 1 FROM pg_database WHERE datname = $1", 1, nullptr,
                   std::array<const char*, 1>{name.c_str()}.data(), nullptr, nullptr, 0));
  EXPECT_EQ(PQresultStatus(result.get()), PGRES_TUPLES_OK);
  return PQntuples(result.get()) == 1;
}

oracle_session_options scratch_on_shared_server() {
  oracle_session_options options;
  options.database_url = soong::testing::conninfo();
  return options;
}

TEST(oracle_session, embedded_server_starts_answers_and_is_removed) {
  std::string socket_dir;
  {
    const auto session = oracle_session::open();
    ASSERT_NE(session->embedded_server(), nullptr);
    socket_dir = session->embedded_server()->socket_dir();
    EXPECT_TRUE(std::filesystem::exists(socket_dir));
    EXPECT_EQ(single_value(session->connection(), "SELECT 6 * 7"), "42");
    EXPECT_EQ(single_value(session->connection(), "SELECT current_database()"),
              session->database_name());
    EXPECT_EQ(session->server_major_version(), session->server_version_num() / 10000);
    // A fresh database: nothing but the system schemas.
    EXPECT_EQ(single_value(session->connection(),
                           "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON "
                           "n.oid = c.relnamespace WHERE n.nspname = 'public'"),
              "0");
  }
  EXPECT_FALSE(std::filesystem::exists(socket_dir)) << socket_dir;
}

TEST(oracle_session, scratch_database_is_created_used_and_dropped) {
  std::string name;
  {
    const auto session = oracle_session::open(scratch_on_shared_server());
    EXPECT_EQ(session->embedded_server(), nullptr);
    name = session->database_name();
    EXPECT_EQ(name.rfind("soong_scratch_", 0), 0u) << name;
    EXPECT_EQ(single_value(session->connection(), "SELECT current_database()"), name);
    EXPECT_TRUE(database_exists(name));
  }
  EXPECT_FALSE(database_exists(name)) << name;
}

TEST(oracle_session, scratch_databases_of_two_sessions_differ) {
  const auto first = oracle_session::open(scratch_on_shared_server());
  const auto second = oracle_session::open(scratch_on_shared_server());
  EXPECT_NE(first->database_name(), second->database_name());
}

TEST(oracle_session, scratch_database_is_dropped_when_unwinding) {
  std::string name;
  try {
    const auto session = oracle_session::open(scratch_on_shared_server());
    name = session->database_name();
    ASSERT_TRUE(database_exists(name));
    throw std::runtime_error("describe failed");
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "describe failed");
  }
  ASSERT_FALSE(name.empty());
  EXPECT_FALSE(database_exists(name)) << name;
}

TEST(oracle_session, scratch_database_is_dropped_while_another_client_is_connected) {
  std::string name;
  oracle_detail::connection_ptr straggler;
  {
    const auto session = oracle_session::open(scratch_on_shared_server());
    name = session->database_name();
    straggler.reset(PQconnectdb(soong::testing::conninfo(name).c_str()));
    ASSERT_EQ(PQstatus(straggler.get()), CONNECTION_OK);
  }
  EXPECT_FALSE(database_exists(name)) << name;
}

TEST(oracle_session, url_form_of_database_url_works) {
  const auto& server = soong::testing::shared_server();
  oracle_session_options options;
  options.database_url =
      "postgresql://postgres@127.0.0.1:" + std::to_string(server.port()) + "/postgres";
  const auto session = oracle_session::open(options);
  EXPECT_EQ(single_value(session->connection(), "SELECT current_database()"),
            session->database_name());
  EXPECT_NE(session->database_name(), "postgres");
}

TEST(oracle_session, unreachable_server_is_a_clear_error) {
  oracle_session_options options;
  options.database_url = "host=/nonexistent/socket/dir dbname=postgres connect_timeout=2";
  try {
    (void)oracle_session::open(options);
    FAIL() << "expected oracle_session_error";
  } catch (const oracle_session_error& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("type oracle: cannot connect to the database server: ", 0), 0u)
        << message;
    EXPECT_NE(message.find("/nonexistent/socket/dir"), std::string::npos) << message;
  }
}

TEST(oracle_session, postgres_version_without_a_server_matches_the_running_server) {
  const auto major = server_major_version();
  ASSERT_TRUE(major.has_value());
  const auto session = oracle_session::open(scratch_on_shared_server());
  EXPECT_EQ(*major, session->server_major_version());
}

TEST(oracle_session, postgres_version_of_a_folder_without_binaries_is_nullopt) {
  EXPECT_FALSE(server_major_version("/nonexistent/bin").has_value());
}

}  // namespace
}  // namespace soong::gen
