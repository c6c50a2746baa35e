// The shutdown a deadline does after the cancel grace, against a real server: it acts only on
// the watched call's own session, through soong's duplicate of its socket. When libpq has
// closed its descriptor (the server ended the session) and another descriptor of the process
// took the number, the shutdown leaves that descriptor alone; on a live session it still
// breaks the connection (so a blocked read returns); after a reconnect inside the call it acts
// on the new session; and the duplicate lives only as long as the call.
//
// Drives the private deadline state (runtime/src/call_deadline.hpp) directly: the shutdown is
// called at once instead of waiting for a deadline plus its grace.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>

#include "call_deadline.hpp"
#include "runtime_fixture.hpp"

namespace {

using namespace std::chrono_literals;
using soong::test::single;

/// The deadline state of a call on `conn` being watched, its deadline far ahead.
struct watched_call {
  soong::detail::deadline_state deadlines;

  explicit watched_call(PGconn* conn) {
    deadlines.statement_timeout = 1h;
    soong::detail::attach_session(deadlines, conn);
    soong::detail::watch_call(deadlines, "Watched", conn);
  }
  watched_call(const watched_call&) = delete;
  watched_call& operator=(const watched_call&) = delete;
  ~watched_call() { soong::detail::unwatch_call(deadlines); }
};

bool is_open_descriptor(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

/// Whether a byte sent on `from` arrives on `to`.
bool carries_a_byte(int from, int to) {
  const char sent = 'x';
  if (::send(from, &sent, 1, MSG_NOSIGNAL) != 1) return false;
  char received = 0;
  return ::recv(to, &received, 1, MSG_DONTWAIT) == 1 && received == sent;
}

std::int32_t select_one(soong::connection& conn) {
  return single<std::int32_t>(soong::execute_sql(conn, "SELECT 1::int4"));
}

/// Ends the server session of `conn` and lets libpq notice, which makes libpq close its socket.
void end_session_seen_by_libpq(soong::connection& conn) {
  soong::connection admin(soong::testing::conninfo());
  // With a timeout, pg_terminate_backend returns once the backend has exited.
  ASSERT_TRUE(soong::execute_sql(admin, "SELECT pg_terminate_backend($1, 60000)",
                                 std::int32_t{conn.backend_pid()})
                  .get<bool>(0, 0));
  PQclear(PQexec(conn.native_handle(), "SELECT 1"));
  ASSERT_EQ(PQstatus(conn.native_handle()), CONNECTION_BAD);
  ASSERT_EQ(PQsocket(conn.native_handle()), -1) << "libpq kept its socket open";
}

TEST(DeadlineSocket, TheShutdownLeavesADescriptorThatReusedTheNumberAlone) {
  soong::connection conn(soong::testing::conninfo());
  const int libpq_socket = PQsocket(conn.native_handle());
  ASSERT_GE(libpq_socket, 0);
  watched_call call(conn.native_handle());
  ASSERT_NO_FATAL_FAILURE(end_session_seen_by_libpq(conn));
  // The number is free again; another descriptor takes it (one end of a socket pair), as one
  // opened by any other thread of the process may. New descriptors get the lowest free
  // numbers, so usually an end has it already; otherwise (a lower number was free) one is moved
  // there.
  ASSERT_FALSE(is_open_descriptor(libpq_socket));
  int ends[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends), 0);
  if (ends[0] != libpq_socket && ends[1] != libpq_socket) {
    ASSERT_EQ(::dup2(ends[0], libpq_socket), libpq_socket);
    ::close(ends[0]);
    ends[0] = libpq_socket;
  }

  soong::detail::shut_down_session_socket(call.deadlines);
  EXPECT_TRUE(carries_a_byte(ends[0], ends[1])) << "the deadline shut an unrelated socket down";
  EXPECT_TRUE(carries_a_byte(ends[1], ends[0])) << "the deadline shut an unrelated socket down";
  ::close(ends[0]);
  ::close(ends[1]);
}

TEST(DeadlineSocket, TheShutdownBreaksTheLiveSession) {
  soong::connection conn(soong::testing::conninfo());
  watched_call call(conn.native_handle());
  soong::detail::shut_down_session_socket(call.deadlines);
  EXPECT_THROW(static_cast<void>(select_one(conn)), soong::connection_error);
  EXPECT_FALSE(conn.is_open());
  conn.reconnect();
  EXPECT_EQ(select_one(conn), 1);
}

TEST(DeadlineSocket, AfterAReconnectInsideTheCallTheNewSessionIsShutDown) {
  soong::connection old_session(soong::testing::conninfo());
  soong::connection new_session(soong::testing::conninfo());
  watched_call call(old_session.native_handle());
  soong::detail::attach_session(call.deadlines, new_session.native_handle());
  soong::detail::shut_down_session_socket(call.deadlines);
  EXPECT_EQ(select_one(old_session), 1);
  EXPECT_THROW(static_cast<void>(select_one(new_session)), soong::connection_error);
}

TEST(DeadlineSocket, TheDuplicateIsCloseOnExecAndLivesOnlyForTheCall) {
  soong::connection conn(soong::testing::conninfo());
  int duplicate = -1;
  {
    const watched_call call(conn.native_handle());
    duplicate = call.deadlines.socket_duplicate;
    ASSERT_GE(duplicate, 0);
    EXPECT_NE(duplicate, PQsocket(conn.native_handle()));
    EXPECT_NE(::fcntl(duplicate, F_GETFD) & FD_CLOEXEC, 0);
  }
  EXPECT_FALSE(is_open_descriptor(duplicate));
  EXPECT_EQ(select_one(conn), 1);  // closing the duplicate left the session alone

  // A session libpq dropped during the call is closed for good when the call ends: nothing
  // keeps its TCP connection open.
  {
    const watched_call call(conn.native_handle());
    duplicate = call.deadlines.socket_duplicate;
    ASSERT_NO_FATAL_FAILURE(end_session_seen_by_libpq(conn));
    EXPECT_TRUE(is_open_descriptor(duplicate));
  }
  EXPECT_FALSE(is_open_descriptor(duplicate));
}

TEST(DeadlineSocket, DetachingTheSessionClosesTheDuplicate) {
  soong::connection conn(soong::testing::conninfo());
  watched_call call(conn.native_handle());
  const int duplicate = call.deadlines.socket_duplicate;
  ASSERT_GE(duplicate, 0);
  soong::detail::detach_session(call.deadlines);
  EXPECT_EQ(call.deadlines.socket_duplicate, -1);
  EXPECT_FALSE(is_open_descriptor(duplicate));
  soong::detail::shut_down_session_socket(call.deadlines);  // nothing to shut down
  EXPECT_EQ(select_one(conn), 1);
}

}  // namespace
