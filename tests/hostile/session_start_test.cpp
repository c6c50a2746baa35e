// A session whose `SET TimeZone TO 'UTC'` fails (the server refuses it, or a deadline or
// cancel() cancels it) must never run a call: its answers would be rendered in the server's
// zone. The server here reports Europe/Berlin at startup, so soong sends the SET, and refuses
// it on the sessions a test picks. After a reconnect() that fails so, the connection is closed:
// the next call throws connection_error, the default connection and pools replace it, and the
// refused session never sees a query.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <set>
#include <soong/soong.hpp>
#include <string>

#include "wire_server.hpp"

namespace {

using namespace std::chrono_literals;
using soong::test::client_message;
using soong::test::wire_column;
using soong::test::wire_server;
using soong::test::wire_session;

constexpr soong::type_ref int8_type[] = {{soong::oids::int8, "pg_catalog", "int8"}};
constexpr soong::statement lookup{.name = "SessionStartLookup",
                                  .sql = "SELECT id FROM things WHERE id = $1",
                                  .params = int8_type,
                                  .columns = int8_type};
const wire_column id_column{"id", soong::oids::int8, 8};

soong::connection_options options() {
  soong::connection_options o;
  o.statement_cache = soong::statement_cache_mode::off;  // one round trip per lookup
  o.statement_timeout = 2s;  // a hang fails the test instead of stalling it
  o.cancel_grace = 500ms;
  return o;
}

/// A server in Europe/Berlin whose sessions (numbered from 0 in the order clients connect)
/// answer soong's SET TimeZone, refusing it on the sessions in `refused` as a cancelled SET
/// fails (57014); every session then answers each lookup with 7.
class berlin_server {
 public:
  explicit berlin_server(std::set<int> refused)
      : refused_(std::move(refused)), server_([this](wire_session& s) { serve(s); }) {
    server_.report_time_zone("Europe/Berlin");
  }
  [[nodiscard]] std::string conninfo() const { return server_.conninfo(); }
  /// Lookups that reached a session whose SET was refused.
  [[nodiscard]] int queries_in_refused_sessions() const { return in_refused_; }
  [[nodiscard]] int sessions() const { return sessions_; }

 private:
  void serve(wire_session& session) {
    const bool refuse = refused_.contains(sessions_++);
    const std::optional<client_message> set = session.read();
    if (!set || set->type != 'Q' || set->body.find("SET TimeZone") == std::string::npos) return;
    if (refuse) {
      session.error_response("57014", "canceling statement due to user request");
    } else {
      session.send('S', std::string("TimeZone\0UTC\0", 13));
      session.command_complete("SET");
    }
    session.ready_for_query();
    for (;;) {
      const std::vector<client_message> messages = session.read_until_sync();
      if (messages.empty() || messages.front().type != 'P') return;
      if (refuse) ++in_refused_;
      session.parse_complete();
      session.bind_complete();
      session.row_description({id_column});
      session.data_row({soong::test::binary_int8(7)});
      session.command_complete("SELECT 1");
      session.ready_for_query();
    }
  }

  const std::set<int> refused_;
  std::atomic<int> sessions_{0};
  std::atomic<int> in_refused_{0};
  wire_server server_;  // last: its sessions use the members above
};

std::int64_t run_lookup(soong::connection& conn) {
  return soong::execute(conn, lookup, std::int64_t{7}).get<std::int64_t>(0, 0);
}

/// What `call` threw as connection_error, as text; fails the test when it threw nothing.
template <class Call>
std::string connection_error_of(Call call) {
  try {
    call();
  } catch (const soong::connection_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no connection_error thrown";
  return "";
}

/// Session 0 starts well, session 1 (the first reconnect's) is refused, session 2 starts well.
void a_refused_reconnect_leaves_the_connection_closed(soong::connection& conn,
                                                      const berlin_server& server) {
  EXPECT_EQ(run_lookup(conn), 7);
  const std::string refused = connection_error_of([&] { conn.reconnect(); });
  EXPECT_NE(refused.find("UTC"), std::string::npos) << refused;
  EXPECT_FALSE(conn.is_open());
  const std::string next = connection_error_of([&] { static_cast<void>(run_lookup(conn)); });
  EXPECT_NE(next.find("SessionStartLookup"), std::string::npos) << next;
  EXPECT_NE(next.find("could not be started"), std::string::npos) << next;
  EXPECT_EQ(server.queries_in_refused_sessions(), 0);
  conn.reconnect();
  EXPECT_TRUE(conn.is_open());
  EXPECT_EQ(run_lookup(conn), 7);
  EXPECT_EQ(server.queries_in_refused_sessions(), 0);
}

TEST(SessionStart, ARefusedSetAfterPQresetLeavesTheConnectionClosed) {
  const berlin_server server({1});
  soong::connection conn(server.conninfo(), options());  // reconnects with PQreset
  a_refused_reconnect_leaves_the_connection_closed(conn, server);
}

TEST(SessionStart, ARefusedSetOnAFreshConnectionLeavesTheConnectionClosed) {
  const berlin_server server({1});
  // Reconnects with a fresh conninfo and a new PGconn.
  soong::connection conn(soong::connection_config::parse(server.conninfo()), options());
  a_refused_reconnect_leaves_the_connection_closed(conn, server);
}

TEST(SessionStart, ARefusedSetOnTheFirstConnectThrows) {
  const berlin_server server({0});
  const std::string refused =
      connection_error_of([&] { soong::connection conn(server.conninfo(), options()); });
  EXPECT_NE(refused.find("UTC"), std::string::npos) << refused;
  EXPECT_EQ(server.queries_in_refused_sessions(), 0);
}

TEST(SessionStart, APoolReplacesAConnectionWhoseReconnectWasRefused) {
  const berlin_server server({1});
  soong::pool pool(server.conninfo(), {}, options());
  {
    const soong::pool::lease lease = pool.acquire();
    EXPECT_EQ(run_lookup(*lease), 7);
    static_cast<void>(connection_error_of([&] { lease->reconnect(); }));
  }  // returned closed: the pool drops it
  const soong::pool::lease lease = pool.acquire();
  EXPECT_EQ(run_lookup(*lease), 7);
  EXPECT_EQ(server.queries_in_refused_sessions(), 0);
  EXPECT_EQ(server.sessions(), 3);
}

TEST(SessionStart, TheDefaultConnectionReplacesAConnectionWhoseReconnectWasRefused) {
  const berlin_server server({1});
  soong::set_default_connection_factory(
      [conninfo = server.conninfo()] { return soong::connection(conninfo, options()); });
  EXPECT_EQ(run_lookup(soong::default_connection()), 7);
  static_cast<void>(connection_error_of([] { soong::default_connection().reconnect(); }));
  EXPECT_EQ(run_lookup(soong::default_connection()), 7);
  EXPECT_EQ(server.queries_in_refused_sessions(), 0);
  EXPECT_EQ(server.sessions(), 3);
  soong::reset_default_connection();
}

}  // namespace
