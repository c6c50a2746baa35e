// soong against a server that answers wrongly: every case must end in a typed soong error that
// names the query (schema_mismatch, unexpected_null, sql_error, connection_error), never a
// crash, a hang past the call's deadline, or a partly filled result passed off as complete.
// The server is tests/hostile/wire_server: real sockets, real libpq, the protocol's bytes.

#include <gtest/gtest.h>

#include <chrono>
#include <soong/soong.hpp>
#include <string>
#include <thread>

#include "wire_server.hpp"

namespace {

using namespace std::chrono_literals;
using soong::test::client_message;
using soong::test::wire_column;
using soong::test::wire_server;
using soong::test::wire_session;

constexpr soong::type_ref int8_type[] = {{soong::oids::int8, "pg_catalog", "int8"}};
constexpr soong::statement lookup{.name = "HostileLookup",
                                  .sql = "SELECT id FROM things WHERE id = $1",
                                  .params = int8_type,
                                  .columns = int8_type};
const wire_column id_column{"id", soong::oids::int8, 8};

/// Unnamed statements (Parse, Bind, Describe, Execute, Sync in one round trip): the exchange
/// every case below answers. Deadlines bound every call, so a hang fails instead of stalling.
soong::connection_options options() {
  soong::connection_options o;
  o.statement_cache = soong::statement_cache_mode::off;
  o.statement_timeout = 2s;
  o.cancel_grace = 500ms;
  return o;
}

/// Reads one extended-query exchange and answers the Parse and Bind.
bool accept_query(wire_session& session) {
  const std::vector<client_message> messages = session.read_until_sync();
  if (messages.empty() || messages.front().type != 'P') return false;
  session.parse_complete();
  session.bind_complete();
  return true;
}

/// A script that answers each query with `answer` (after ParseComplete and BindComplete).
template <class Answer>
wire_server::script answering(Answer answer) {
  return [answer](wire_session& session) {
    while (accept_query(session)) answer(session);
  };
}

void complete(wire_session& session, int rows) {
  session.command_complete("SELECT " + std::to_string(rows));
  session.ready_for_query();
}

std::int64_t run_lookup(soong::connection& conn) {
  const soong::result r = soong::execute(conn, lookup, std::int64_t{7});
  return r.get<std::int64_t>(0, 0);
}

/// What `call` threw, as text, when it threw `Error`; fails the test when it threw nothing.
template <class Error, class Call>
std::string thrown_by(Call call) {
  try {
    call();
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "nothing thrown";
  return "";
}

TEST(HostileServer, AWellFormedAnswerIsRead) {
  wire_server server(answering([](wire_session& s) {
    s.row_description({id_column});
    s.data_row({soong::test::binary_int8(7)});
    complete(s, 1);
  }));
  soong::connection conn(server.conninfo(), options());
  EXPECT_EQ(run_lookup(conn), 7);
  EXPECT_EQ(run_lookup(conn), 7);
}

TEST(HostileServer, WrongColumnTypeIsASchemaMismatch) {
  wire_server server(answering([](wire_session& s) {
    s.row_description({{"id", soong::oids::text, -1}});
    s.data_row({std::string("7")});
    complete(s, 1);
  }));
  soong::connection conn(server.conninfo(), options());
  const std::string message =
      thrown_by<soong::schema_mismatch>([&] { static_cast<void>(run_lookup(conn)); });
  EXPECT_NE(message.find("HostileLookup"), std::string::npos) << message;
}

TEST(HostileServer, WrongColumnCountIsASchemaMismatch) {
  wire_server server(answering([](wire_session& s) {
    s.row_description({id_column, id_column});
    s.data_row({soong::test::binary_int8(7), soong::test::binary_int8(8)});
    complete(s, 1);
  }));
  soong::connection conn(server.conninfo(), options());
  const std::string message =
      thrown_by<soong::schema_mismatch>([&] { static_cast<void>(run_lookup(conn)); });
  EXPECT_NE(message.find("HostileLookup"), std::string::npos) << message;
}

TEST(HostileServer, TruncatedAndOversizedValuesAreRefused) {
  for (const std::string& value :
       {std::string("\0\0\0\7", 4), std::string(12, '\1'), std::string()}) {
    wire_server server(answering([value](wire_session& s) {
      s.row_description({id_column});
      s.data_row({value});
      complete(s, 1);
    }));
    soong::connection conn(server.conninfo(), options());
    const std::string message =
        thrown_by<soong::error>([&] { static_cast<void>(run_lookup(conn)); });
    EXPECT_NE(message.find("HostileLookup"), std::string::npos)
        << value.size() << " bytes: " << message;
  }
}

TEST(HostileServer, NullWhereTheTypeCannotHoldOneIsUnexpectedNull) {
  wire_server server(answering([](wire_session& s) {
    s.row_description({id_column});
    s.data_row({std::nullopt});
    complete(s, 1);
  }));
  soong::connection conn(server.conninfo(), options());
  try {
    static_cast<void>(run_lookup(conn));
    ADD_FAILURE() << "nothing thrown";
  } catch (const soong::unexpected_null& e) {
    EXPECT_EQ(e.query_name(), "HostileLookup");
    EXPECT_NE(e.column_name().find("id"), std::string::npos) << e.column_name();
  }
}

TEST(HostileServer, AnErrorInTheMiddleOfAResultReturnsNoRows) {
  wire_server server(answering([](wire_session& s) {
    s.row_description({id_column});
    s.data_row({soong::test::binary_int8(1)});
    s.data_row({soong::test::binary_int8(2)});
    s.error_response("XX000", "the disk went away mid-scan");
    s.ready_for_query();
  }));
  soong::connection conn(server.conninfo(), options());
  const std::string message = thrown_by<soong::sql_error>(
      [&] { static_cast<void>(soong::execute(conn, lookup, std::int64_t{7})); });
  EXPECT_NE(message.find("HostileLookup"), std::string::npos) << message;
  EXPECT_NE(message.find("the disk went away"), std::string::npos) << message;
}

TEST(HostileServer, ACutAtEveryMessageOfAnAnswerIsAConnectionError) {
  // The full answer is 6 messages: ParseComplete, BindComplete, RowDescription, DataRow,
  // CommandComplete, ReadyForQuery. Cut before each of them.
  for (int kept = 0; kept < 6; ++kept) {
    wire_server server([kept](wire_session& s) {
      const std::vector<client_message> messages = s.read_until_sync();
      if (messages.empty()) return;
      s.cut_after(kept);
      s.parse_complete();
      s.bind_complete();
      s.row_description({id_column});
      s.data_row({soong::test::binary_int8(7)});
      complete(s, 1);
      s.cut();
    });
    soong::connection conn(server.conninfo(), options());
    const auto started = std::chrono::steady_clock::now();
    const std::string message =
        thrown_by<soong::connection_error>([&] { static_cast<void>(run_lookup(conn)); });
    EXPECT_NE(message.find("HostileLookup"), std::string::npos) << kept << ": " << message;
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s) << kept;
    EXPECT_FALSE(conn.is_open()) << kept;
  }
}

TEST(HostileServer, ACutAtEveryMessageOfTheHandshakeIsAConnectionError) {
  // AuthenticationOk, seven ParameterStatus, BackendKeyData, ReadyForQuery.
  for (int kept = 0; kept < 10; ++kept) {
    wire_server server([](wire_session&) {});
    server.cut_handshake_after(kept);
    const std::string message = thrown_by<soong::connection_error>(
        [&] { soong::connection conn(server.conninfo(), options()); });
    EXPECT_NE(message.find("127.0.0.1"), std::string::npos) << kept << ": " << message;
    EXPECT_EQ(message.find("password=any"), std::string::npos) << message;
  }
}

TEST(HostileServer, AnAnswerThatStopsHalfwayEndsAtTheDeadline) {
  wire_server server(answering([](wire_session& s) {
    s.row_description({id_column});
    s.data_row({soong::test::binary_int8(7)});
    // ... and nothing more, while the connection stays open.
  }));
  soong::connection conn(server.conninfo(), options());
  const auto started = std::chrono::steady_clock::now();
  const std::string message =
      thrown_by<soong::connection_error>([&] { static_cast<void>(run_lookup(conn)); });
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_NE(message.find("deadline passed"), std::string::npos) << message;
  EXPECT_GE(took, 2s);
  EXPECT_LT(took, 4s);
  // The cancel request goes out on a thread of its own; the call does not wait for the server
  // to read it (this one never answers), so it may still be on its way.
  for (const auto until = std::chrono::steady_clock::now() + 30s;
       server.cancel_requests() == 0 && std::chrono::steady_clock::now() < until;) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_GE(server.cancel_requests(), 1);
}

constexpr std::string_view id_name[] = {"id"};
constexpr soong::copy_statement copy_ids{
    .name = "CopyIds", .table = "public.things", .column_names = id_name, .columns = int8_type};

TEST(HostileServer, ACopyThatNeverEndsEndsAtTheDeadline) {
  wire_server server([](wire_session& s) {
    const std::vector<client_message> query = s.read_until_sync();
    if (query.empty() || query.back().type != 'Q') return;
    s.copy_in_response(1);
    const std::vector<client_message> rows = s.read_until_sync();  // up to CopyDone
    // ... and never CommandComplete.
    while (s.read()) {
    }
  });
  soong::connection conn(server.conninfo(), options());
  const std::vector<std::int64_t> ids = {1, 2, 3};
  const auto started = std::chrono::steady_clock::now();
  const std::string message = thrown_by<soong::connection_error>([&] {
    static_cast<void>(soong::copy_from(conn, copy_ids, std::span<const std::int64_t>(ids),
                                       [](std::int64_t id) { return std::tuple(id); }));
  });
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_NE(message.find("CopyIds"), std::string::npos) << message;
  EXPECT_LT(took, 4s);
}

TEST(HostileServer, APreparedStatementWhoseResultChangesShapeIsRefused) {
  // Named statements: Parse+Sync, Describe+Sync, then Bind/Describe/Execute/Sync. The Describe
  // promises an int8, the execution delivers text: the per-result check catches it.
  wire_server server([](wire_session& s) {
    for (;;) {
      const std::vector<client_message> messages = s.read_until_sync();
      if (messages.empty()) return;
      const char first = messages.front().type;
      if (first == 'Q') {  // the pooler probe: SELECT pg_backend_pid()
        s.row_description({{"pg_backend_pid", soong::oids::int4, 4}});
        s.data_row({std::string("4242")});
        s.command_complete("SELECT 1");
        s.ready_for_query();
      } else if (first == 'P') {
        s.parse_complete();
        s.ready_for_query();
      } else if (first == 'D') {
        s.send('t', std::string("\0\1\0\0\0\x14", 6));  // one parameter, int8
        s.row_description({id_column});
        s.ready_for_query();
      } else if (first == 'B') {
        s.bind_complete();
        s.row_description({{"id", soong::oids::text, -1}});
        s.data_row({std::string("seven")});
        complete(s, 1);
      }
    }
  });
  soong::connection_options named = options();
  named.statement_cache = soong::statement_cache_mode::on;
  soong::connection conn(server.conninfo(), named);
  const std::string message =
      thrown_by<soong::schema_mismatch>([&] { static_cast<void>(run_lookup(conn)); });
  EXPECT_NE(message.find("HostileLookup"), std::string::npos) << message;
}

}  // namespace
