// lambda_libpq: the Lambda-shaped invocation of lambda_soong.cpp written by hand over plain
// libpq, the reference soong's warm invocations are held to. Same input and output: each stdin
// line is one invocation's Cognito event; the answer is one JSON line
//   {"confirmed": <event>, "feed": <API Gateway proxy response of the home feed>}
// on stdout, then "cpu <user µs> <system µs>" (getrusage, cumulative) on stderr. Configuration
// from the environment only (PG_HOST, PG_PORT, PG_DBNAME, PG_USER; libpq reads PGSSLMODE).
//
// Written as a careful C++ programmer would without a generator: one connection for the
// process, opened on the first invocation; both statements prepared once per connection and run
// with PQexecPrepared; PostgreSQL builds the feed's JSON and the text goes through unparsed.
// Before a warm invocation that follows more than a second of idleness the connection is checked
// with an empty query and reopened when it does not answer, the same check soong's
// default_connection() makes (a frozen Lambda container's socket may have died meanwhile).

#include <libpq-fe.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace {

using clock_type = std::chrono::steady_clock;
using connection_ptr = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

constexpr auto idle_check_after = std::chrono::seconds(1);

constexpr const char* insert_user_sql =
    "INSERT INTO public.users (display_name, handle, email, cognito_user_id) "
    "VALUES ($1, $2, $3, $4)";

// The same text as the generated home_activities_json statement, so both clients make
// PostgreSQL do the same work.
constexpr const char* home_feed_json_sql = R"sql(WITH q AS (
SELECT
  activities.uuid,
  users.display_name,
  users.handle,
  activities.message,
  activities.replies_count,
  activities.reposts_count,
  activities.likes_count,
  activities.reply_to_activity_uuid,
  activities.expires_at,
  activities.created_at
FROM public.activities
LEFT JOIN public.users ON users.uuid = activities.user_uuid
ORDER BY activities.created_at DESC
)
SELECT coalesce(array_to_json(array_agg(row_to_json(q))), '[]') FROM q)sql";

const char* required_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string("lambda_libpq: ") + name + " is not set");
  }
  return value;
}

void expect(PGconn* conn, const PGresult* res, ExecStatusType status, const char* what) {
  if (PQresultStatus(res) != status) {
    throw std::runtime_error(std::string("lambda_libpq: ") + what + ": " + PQerrorMessage(conn));
  }
}

void prepare(PGconn* conn, const char* name, const char* sql, int params) {
  const result_ptr res(PQprepare(conn, name, sql, params, nullptr), &PQclear);
  expect(conn, res.get(), PGRES_COMMAND_OK, name);
}

connection_ptr connect_from_environment() {
  const char* const keywords[] = {"host", "port", "dbname", "user", nullptr};
  const char* const values[] = {required_env("PG_HOST"), required_env("PG_PORT"),
                                required_env("PG_DBNAME"), required_env("PG_USER"), nullptr};
  connection_ptr conn(PQconnectdbParams(keywords, values, 0), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(std::string("lambda_libpq: connect: ") + PQerrorMessage(conn.get()));
  }
  prepare(conn.get(), "insert_user", insert_user_sql, 4);
  prepare(conn.get(), "home_feed_json", home_feed_json_sql, 0);
  return conn;
}

bool responds(PGconn* conn) {
  if (PQstatus(conn) != CONNECTION_OK) return false;
  const result_ptr res(PQexec(conn, ""), &PQclear);
  return PQresultStatus(res.get()) == PGRES_EMPTY_QUERY && PQstatus(conn) == CONNECTION_OK;
}

// The process's connection: opened on first use, checked after an idle second, reopened when
// dead.
class lambda_connection {
 public:
  PGconn* get() {
    const auto now = clock_type::now();
    if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK ||
        (now - last_used_ >= idle_check_after && !responds(conn_.get()))) {
      conn_ = connect_from_environment();
    }
    last_used_ = clock_type::now();
    return conn_.get();
  }

 private:
  connection_ptr conn_{nullptr, &PQfinish};
  clock_type::time_point last_used_{};
};

std::string attribute(const nlohmann::json& event, const char* name) {
  return event.at("request").at("userAttributes").at(name).get<std::string>();
}

void insert_user(PGconn* conn, const nlohmann::json& event) {
  const std::string display_name = attribute(event, "name");
  const std::string handle = attribute(event, "preferred_username");
  const std::string email = attribute(event, "email");
  const std::string cognito_user_id = attribute(event, "sub");
  const char* const values[] = {display_name.c_str(), handle.c_str(), email.c_str(),
                                cognito_user_id.c_str()};
  const result_ptr res(PQexecPrepared(conn, "insert_user", 4, values, nullptr, nullptr, 0),
                       &PQclear);
  expect(conn, res.get(), PGRES_COMMAND_OK, "insert_user");
}

std::string home_feed_json(PGconn* conn) {
  const result_ptr res(PQexecPrepared(conn, "home_feed_json", 0, nullptr, nullptr, nullptr, 0),
                       &PQclear);
  expect(conn, res.get(), PGRES_TUPLES_OK, "home_feed_json");
  if (PQntuples(res.get()) != 1 || PQgetisnull(res.get(), 0, 0)) {
    throw std::runtime_error("lambda_libpq: home_feed_json: expected one non-null value");
  }
  return {PQgetvalue(res.get(), 0, 0), static_cast<std::size_t>(PQgetlength(res.get(), 0, 0))};
}

long long micros(const timeval& t) { return t.tv_sec * 1'000'000LL + t.tv_usec; }

}  // namespace

int main() {
  try {
    lambda_connection connection;
    std::string line;
    while (std::getline(std::cin, line)) {
      const nlohmann::json event = nlohmann::json::parse(line);
      PGconn* conn = connection.get();
      insert_user(conn, event);
      const nlohmann::json feed = {{"statusCode", 200},
                                   {"headers", {{"Content-Type", "application/json"}}},
                                   {"body", home_feed_json(conn)}};
      const nlohmann::json answer = {{"confirmed", event}, {"feed", feed}};
      std::cout << answer.dump() << std::endl;
      rusage usage{};
      getrusage(RUSAGE_SELF, &usage);
      std::fprintf(stderr, "cpu %lld %lld\n", micros(usage.ru_utime), micros(usage.ru_stime));
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return 1;
  }
  return 0;
}
