// `soong db url / wait / connect` and bad input, run as the real executable: which server a
// command talks to, shown without secrets; psql started with the password in its environment,
// never in its arguments; one-line errors with exit code 2.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "db_test_support.hpp"

namespace {

using namespace soong::testing;
using namespace soong::testing::db;

const std::string password = "Pw-7d1f-secret";
const std::string password_user = "soong_db_pw_user";

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

/// A URL for `user` on the test cluster's socket, with `secret` as the password.
std::string url_for(const std::string& user, const std::string& secret,
                    const std::string& database) {
  return "postgresql://" + user + ":" + secret + "@/" + database +
         "?host=" + shared_server().socket_dir() +
         "&port=" + std::to_string(shared_server().port());
}

/// A role that must log in with a password (SCRAM) over the cluster's socket, so a wrong
/// password is refused and a right one only works when it reaches the server.
void require_password_user() {
  static const bool ready = [] {
    run_sql(conninfo(),
            "CREATE ROLE " + password_user + " LOGIN CREATEDB PASSWORD '" + password + "'");
    const std::string hba_path = shared_server().data_dir() + "/pg_hba.conf";
    const std::string hba = read_file(hba_path);
    std::ofstream(hba_path) << "local all " << password_user << " scram-sha-256\n" << hba;
    run_sql(conninfo(), "SELECT pg_reload_conf()");
    // The server rereads pg_hba.conf asynchronously: wait until a login without a password
    // is refused.
    for (const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
         std::chrono::steady_clock::now() < until;) {
      std::unique_ptr<PGconn, decltype(&PQfinish)> conn(
          PQconnectdb((conninfo() + " user=" + password_user).c_str()), &PQfinish);
      if (PQstatus(conn.get()) != CONNECTION_OK) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("pg_hba.conf change not picked up");
  }();
  ASSERT_TRUE(ready);
}

TEST(db_url, shows_the_settings_with_the_password_redacted) {
  const command_result shown =
      soong_db("url", "DATABASE_URL=" + shell_quote(url_for("app", password, "appdb")));
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(shown.out.find(password), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("password=********"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("dbname=appdb user=app"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("(from DATABASE_URL)"), std::string::npos) << shown.out;
  EXPECT_EQ(line_count(shown.out), 1U);

  const command_result json = soong_db(
      "url --format json", "DATABASE_URL=" + shell_quote(url_for("app", password, "appdb")));
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out.find(password), std::string::npos) << json.out;
  const auto object = nlohmann::json::parse(json.out);
  EXPECT_EQ(object.at("source"), "DATABASE_URL");
  EXPECT_EQ(object.at("database"), "appdb");
}

TEST(db_url, pg_password_never_appears) {
  const command_result shown =
      soong_db("url", "PG_HOST=db.internal PG_USER=app PG_DBNAME=appdb PG_PASSWORD=" +
                          shell_quote(password));
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(shown.out.find(password), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("host=db.internal"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("PG_HOST"), std::string::npos) << shown.out;
}

TEST(db_url, the_precedence_is_the_runtimes_plus_the_command_line) {
  const std::string environment =
      "DATABASE_URL=" + shell_quote(url_for("app", password, "from_database_url")) +
      " CONNECTION_URL=" + shell_quote(url_for("app", password, "from_connection_url")) +
      " PROD_URL=" + shell_quote(url_for("app", password, "from_prod_url"));
  EXPECT_NE(soong_db("url", environment).out.find("dbname=from_database_url"), std::string::npos);
  const command_result chosen = soong_db("url --url-env PROD_URL", environment);
  EXPECT_NE(chosen.out.find("dbname=from_prod_url"), std::string::npos) << chosen.out;
  EXPECT_NE(chosen.out.find("(from PROD_URL (--url-env))"), std::string::npos) << chosen.out;
  const command_result given = soong_db("url --database-url 'dbname=given'", environment);
  EXPECT_NE(given.out.find("dbname=given"), std::string::npos) << given.out;

  const command_result unset = soong_db("url --url-env NOT_SET_ANYWHERE");
  EXPECT_EQ(unset.exit_code, 2);
  EXPECT_NE(unset.err.find("NOT_SET_ANYWHERE"), std::string::npos) << unset.err;
}

TEST(db_url, an_invalid_url_is_an_error_without_its_password) {
  const command_result failed = soong_db(
      "url", "DATABASE_URL=" + shell_quote("postgresql://app:" + password + "%zz@localhost/appdb"));
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_EQ(failed.err.find(password), std::string::npos) << failed.err;
  EXPECT_EQ(line_count(failed.err), 1U) << failed.err;
}

TEST(db_wait, returns_when_the_server_accepts_connections) {
  const command_result ready = soong_db_on("postgres", "wait --timeout 5s");
  EXPECT_EQ(ready.exit_code, 0) << ready.err;
  EXPECT_EQ(ready.out.rfind("server is accepting connections", 0), 0U) << ready.out;
}

TEST(db_wait, gives_up_after_the_timeout) {
  const auto start = std::chrono::steady_clock::now();
  const command_result failed = soong_db(
      "wait --timeout 700ms",
      "DATABASE_URL=" + shell_quote("postgresql://app:" + password + "@/x?host=/nonexistent"));
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_GE(waited, std::chrono::milliseconds(700));
  EXPECT_NE(failed.err.find("did not accept connections within 700ms"), std::string::npos)
      << failed.err;
  EXPECT_EQ(failed.err.find(password), std::string::npos) << failed.err;
  EXPECT_EQ(line_count(failed.err), 1U) << failed.err;
}

TEST(db_connect, runs_psql_with_the_password_in_its_environment_not_its_arguments) {
  require_password_user();
  // A psql in front of the real one records what it was started with.
  const project_folder project;
  const std::string recorder = project.write("bin/psql",
                                             "#!/bin/sh\n"
                                             "printf '%s\\n' \"$0\" \"$@\" > " +
                                                 shell_quote(project.path() + "/argv") +
                                                 "\n"
                                                 "env > " +
                                                 shell_quote(project.path() + "/environment") +
                                                 "\n"
                                                 "exec /usr/bin/psql \"$@\"\n");
  std::filesystem::permissions(recorder, std::filesystem::perms::owner_all);
  const std::string path = project.path() + "/bin:" + std::getenv("PATH");
  const command_result connected =
      soong_db("connect -- -X -A -t -c 'SELECT current_user'",
               "PATH=" + shell_quote(path) +
                   " DATABASE_URL=" + shell_quote(url_for(password_user, password, "postgres")));
  ASSERT_EQ(connected.exit_code, 0) << connected.err;
  // The server accepted the password: it reached psql.
  EXPECT_EQ(connected.out, password_user + "\n");
  const std::string argv = read_file(project.path() + "/argv");
  EXPECT_NE(argv.find("SELECT current_user"), std::string::npos) << argv;
  EXPECT_EQ(argv.find(password), std::string::npos) << argv;
  const std::string environment = read_file(project.path() + "/environment");
  EXPECT_NE(environment.find("PGPASSWORD=" + password + "\n"), std::string::npos);
  EXPECT_NE(environment.find("PGUSER=" + password_user + "\n"), std::string::npos);
}

TEST(db_connect, a_missing_psql_is_a_one_line_error) {
  const command_result failed =
      soong_db("connect", "PATH=/nonexistent DATABASE_URL=" +
                              shell_quote(url_for("app", password, "postgres")));
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("cannot run psql"), std::string::npos) << failed.err;
  EXPECT_EQ(line_count(failed.err), 1U) << failed.err;
}

TEST(db_bad_input, a_wrong_password_is_a_one_line_error_and_changes_nothing) {
  require_password_user();
  const std::string name = unique_name("wrong_password");
  const std::string wrong = "Wrong-9c2e-secret";
  const std::string environment =
      "DATABASE_URL=" + shell_quote(url_for(password_user, wrong, name));
  const command_result failed = soong_db("create", environment);
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("password authentication failed"), std::string::npos) << failed.err;
  EXPECT_EQ(failed.err.find(wrong), std::string::npos) << failed.err;
  EXPECT_EQ(line_count(failed.err), 1U) << failed.err;
  EXPECT_FALSE(database_exists(name));

  // The right password works: the failure above was the password's.
  const command_result created =
      soong_db("create", "DATABASE_URL=" + shell_quote(url_for(password_user, password, name)));
  EXPECT_EQ(created.exit_code, 0) << created.err;
  EXPECT_TRUE(database_exists(name));

  const project_folder project;
  const std::string schema = project.write("schema.sql", "CREATE TABLE t (id int);\n");
  const command_result not_loaded =
      soong_db("schema-load --schema " + shell_quote(schema), environment);
  EXPECT_EQ(not_loaded.exit_code, 2);
  EXPECT_EQ(not_loaded.err.find(wrong), std::string::npos) << not_loaded.err;
  EXPECT_EQ(query_value(name, "SELECT to_regclass('public.t') IS NULL"), "t");
}

TEST(db_bad_input, an_unreachable_server_is_a_one_line_error) {
  const command_result failed = soong_db(
      "sessions",
      "DATABASE_URL=" + shell_quote("postgresql://app:" + password + "@/x?host=/nonexistent"));
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_EQ(failed.err.rfind("soong db sessions: error: ", 0), 0U) << failed.err;
  EXPECT_EQ(failed.err.find(password), std::string::npos) << failed.err;
  EXPECT_EQ(line_count(failed.err), 1U) << failed.err;
}

TEST(db_bad_input, unknown_flags_and_subcommands_exit_2) {
  const std::string name = unique_name("never_created");
  const command_result unknown = soong_db_on(name, "create --no-such-flag");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err,
            "soong db create: error: unknown argument '--no-such-flag' (see soong db create "
            "--help)\n");
  EXPECT_FALSE(database_exists(name));
  EXPECT_EQ(soong_db("no-such-command").exit_code, 2);
  EXPECT_EQ(soong_db("").exit_code, 2);
  EXPECT_EQ(soong_db_on("postgres", "sessions --format yaml").exit_code, 2);
}

}  // namespace
