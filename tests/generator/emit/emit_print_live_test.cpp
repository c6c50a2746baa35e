// Compile-and-run test of the generated API's comparison, printing and time parameters: rows
// compare with ==, values print through fmt and std::ostream (checked against the exact text,
// and for interval against the server's own output), and timestamp parameters take any
// std::chrono time point, rounded to microseconds as PostgreSQL rounds text with more digits.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <optional>
#include <soong/print.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "live_schema.hpp"
#include "reports.sql.hpp"
#include "test_server.hpp"
#include "users/queries.sql.hpp"

namespace {

namespace db = fixture::db;
using namespace std::chrono_literals;
using std::chrono::nanoseconds;
using std::chrono::sys_days;
using std::chrono::sys_time;

/// The server's text for the single value `sql` selects (libpq directly, text format).
std::string server_text(const std::string& conninfo, const std::string& sql) {
  const std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  const std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1) {
    throw std::runtime_error(sql + ": " + PQerrorMessage(conn.get()));
  }
  return PQgetvalue(r.get(), 0, 0);
}

/// `t` as text with all nine fractional digits, as PostgreSQL would receive it.
std::string nanosecond_text(sys_time<nanoseconds> t) {
  const auto second = std::chrono::floor<std::chrono::seconds>(t);
  const auto day = std::chrono::floor<std::chrono::days>(second);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss<std::chrono::seconds> hms(second - day);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:09}+00", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                     (t - second).count());
}

class generated_api : public ::testing::Test {
 protected:
  void SetUp() override {
    conninfo_ = soong::testing::seeded_database(soong::gen::testing::live_schema_sql);
    conn_.emplace(conninfo_);
  }

  soong::connection& conn() { return *conn_; }

  std::string conninfo_;
  std::optional<soong::connection> conn_;
};

TEST_F(generated_api, rows_compare_with_equality) {
  ASSERT_TRUE(db::create_user(conn(), {.handle = "ada",
                                       .mood = db::mood::happy,
                                       .home = db::address{.street = "Main St", .zip = 7},
                                       .score = soong::numeric("1.50")}));
  ASSERT_TRUE(db::create_user(conn(), {.handle = "bob", .mood = db::mood::sad}));
  const std::optional<db::user> first = db::get_user(conn(), 1);
  const std::optional<db::user> again = db::get_user(conn(), 1);
  const std::optional<db::user> other = db::get_user(conn(), 2);
  ASSERT_TRUE(first && again && other);
  EXPECT_EQ(*first, *again);
  EXPECT_NE(*first, *other);
  db::user changed = *first;
  changed.home->zip = 8;
  EXPECT_NE(changed, *first);

  const std::vector<db::list_users_row> rows = db::list_users(conn());
  const std::vector<db::list_users_row> expected{
      {.id = 1, .handle = "ada", .mood = db::mood::happy, .created_at = first->created_at},
      {.id = 2, .handle = "bob", .mood = db::mood::sad, .created_at = other->created_at}};
  EXPECT_EQ(rows, expected);
}

TEST_F(generated_api, values_and_rows_print_through_fmt_and_ostream) {
  ASSERT_TRUE(db::create_user(conn(), {.handle = "ada \"the\" countess",
                                       .mood = db::mood::very_happy,
                                       .home = db::address{.street = "Main St", .zip = {}},
                                       .score = soong::numeric("12.50"),
                                       .tags = std::vector<std::string>{"x", "y"}}));
  soong::testing::run_sql(conninfo_,
                          "UPDATE users SET created_at = '2026-06-01 08:00:00.123456+00', "
                          "seen_local = '2026-06-01 08:00:00.5', born = '2024-02-29', "
                          "token = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', "
                          "nap = '1 year 2 mons 3 days 04:05:06.789', wakes_at = '07:30:00.25'");
  const std::optional<db::user> u = db::get_user(conn(), 1);
  ASSERT_TRUE(u.has_value());

  EXPECT_EQ(fmt::format("{}", u->mood), "very happy");
  EXPECT_EQ(fmt::format("[{:>12}]", u->mood), "[  very happy]");
  EXPECT_EQ(fmt::format("{}", u->token), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(fmt::format("{}", *u->score), "12.50");
  EXPECT_EQ(fmt::format("{}", *u->nap), "1 year 2 mons 3 days 04:05:06.789");
  EXPECT_EQ(fmt::format("{}", u->created_at), "2026-06-01T08:00:00.123456+00:00");
  EXPECT_EQ(fmt::format("{}", *u->seen_local), "2026-06-01T08:00:00.5");
  EXPECT_EQ(fmt::format("{}", *u->born), "2024-02-29");
  // A time of day prints as a time, not as the duration since midnight it holds.
  EXPECT_EQ(fmt::format("{}", *u->wakes_at), "07:30:00.25");
  EXPECT_EQ(fmt::format("[{:>12}]", *u->wakes_at), "[ 07:30:00.25]");
  EXPECT_EQ(fmt::format("{}", soong::time_of_day(24h)), "24:00:00");

  std::ostringstream os;
  os << u->mood << '|' << u->token << '|' << *u->score << '|' << *u->nap << '|' << u->created_at
     << '|' << *u->born << '|' << *u->wakes_at;
  EXPECT_EQ(os.str(),
            "very happy|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11|12.50|1 year 2 mons 3 days "
            "04:05:06.789|2026-06-01T08:00:00.123456+00:00|2024-02-29|07:30:00.25");

  const std::vector<db::list_users_row> rows = db::list_users(conn());
  ASSERT_EQ(rows.size(), 1U);
  const std::string row_text =
      "list_users_row{id=1, handle=\"ada \\\"the\\\" countess\", display_name=null, "
      "mood=very happy, created_at=2026-06-01T08:00:00.123456+00:00}";
  EXPECT_EQ(fmt::format("{}", rows[0]), row_text);
  std::ostringstream row_stream;
  row_stream << rows[0];
  EXPECT_EQ(row_stream.str(), row_text);
  EXPECT_EQ(soong::to_text(u->home), "address{street=\"Main St\", zip=null}");
  EXPECT_EQ(soong::to_text(u->tags), "[\"x\", \"y\"]");
}

TEST_F(generated_api, intervals_print_as_the_server_prints_them) {
  const char* const intervals[] = {"0",
                                   "1 second",
                                   "-1 second",
                                   "1 year 2 mons 3 days 04:05:06.789",
                                   "-1 year -2 mons +3 days -04:05:06",
                                   "1 mon -1 day",
                                   "-1 day +1 hour",
                                   "14 mons",
                                   "-14 mons",
                                   "1 day",
                                   "123:00:00.000001",
                                   "-0.5 seconds",
                                   "3 days -00:00:00.25"};
  ASSERT_TRUE(db::create_user(conn(), {.handle = "ada", .mood = db::mood::ok}));
  for (const char* text : intervals) {
    soong::testing::run_sql(conninfo_, fmt::format("UPDATE users SET nap = '{}'", text));
    const std::optional<db::user> u = db::get_user(conn(), 1);
    ASSERT_TRUE(u && u->nap);
    EXPECT_EQ(fmt::format("{}", *u->nap), server_text(conninfo_, "SELECT nap::text FROM users"))
        << text;
  }
}

TEST_F(generated_api, timestamp_parameters_take_any_time_point) {
  ASSERT_TRUE(db::create_user(conn(), {.handle = "ada", .mood = db::mood::ok}));

  const auto now = std::chrono::system_clock::now();
  const std::optional<db::set_times_row> stored =
      db::set_times(conn(), {.handle = "ada", .created_at = now, .seen_local = std::nullopt});
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->created_at, soong::round_to_micros(now));
  EXPECT_LE(std::chrono::abs(stored->created_at - now), 1us);
  EXPECT_EQ(stored->seen_local, std::nullopt);

  const sys_time<std::chrono::seconds> whole = sys_days(std::chrono::year(2026) / 6 / 1) + 8h;
  const std::chrono::local_time<std::chrono::milliseconds> local_ms(
      (whole + 250ms).time_since_epoch());
  const std::optional<db::set_times_row> coarse =
      db::set_times(conn(), {.handle = "ada", .created_at = whole, .seen_local = local_ms});
  ASSERT_TRUE(coarse.has_value());
  EXPECT_EQ(fmt::format("{}", coarse->created_at), "2026-06-01T08:00:00+00:00");
  EXPECT_EQ(fmt::format("{}", *coarse->seen_local), "2026-06-01T08:00:00.25");
}

TEST_F(generated_api, nanosecond_parameters_round_as_the_server_rounds_text) {
  ASSERT_TRUE(db::create_user(conn(), {.handle = "ada", .mood = db::mood::ok}));
  ASSERT_TRUE(db::create_user(conn(), {.handle = "reference", .mood = db::mood::ok}));
  const std::vector<sys_time<nanoseconds>> instants = {
      sys_days(std::chrono::year(2026) / 6 / 1) + 8h + 123456789ns,
      sys_days(std::chrono::year(2026) / 6 / 1) + 8h + 123456500ns,  // halfway, even below
      sys_days(std::chrono::year(2026) / 6 / 1) + 8h + 123457500ns,  // halfway, odd below
      sys_days(std::chrono::year(2026) / 6 / 1) + 8h + 999999500ns,  // carries into the second
      sys_days(std::chrono::year(2026) / 6 / 1) + 8h + 999999999ns,
      sys_days(std::chrono::year(2026) / 6 / 1) + 8h + 500ns,
      sys_days(std::chrono::year(2026) / 6 / 1) + 8h + 1500ns,
      sys_days(std::chrono::year(2026) / 6 / 1) + 8h + 2500ns,
      sys_days(std::chrono::year(1999) / 12 / 31) + 23h + 59min + 59s + 999999500ns,
      sys_days(std::chrono::year(1970) / 1 / 1) - 1ns,
      sys_days(std::chrono::year(1970) / 1 / 1) - 500ns,
      sys_days(std::chrono::year(1969) / 12 / 31) + 23h + 59min + 59s + 123456500ns,
      sys_days(std::chrono::year(1900) / 3 / 1) + 1s + 7500ns,
      sys_days(std::chrono::year(1900) / 3 / 1) + 1s + 8500ns,
      sys_days(std::chrono::year(1066) / 10 / 14) + 1234567ns,
  };
  for (const sys_time<nanoseconds> t : instants) {
    const std::optional<db::set_times_row> sent =
        db::set_times(conn(), {.handle = "ada", .created_at = t, .seen_local = std::nullopt});
    ASSERT_TRUE(sent.has_value());
    soong::testing::run_sql(conninfo_,
                            fmt::format("UPDATE users SET created_at = '{}' WHERE handle = "
                                        "'reference'",
                                        nanosecond_text(t)));
    const std::optional<db::user> reference = db::get_user(conn(), 2);
    ASSERT_TRUE(reference.has_value());
    EXPECT_EQ(sent->created_at, reference->created_at) << fmt::format(
        "{}: soong {}, server {}", nanosecond_text(t), sent->created_at, reference->created_at);
  }
}

}  // namespace
