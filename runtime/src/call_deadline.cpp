// Watching a call's deadline: at the deadline, a cancel request (on a thread of its own: with
// libpq 15 it connects and waits for the server without a timeout); at the deadline plus the
// grace, the socket is shut down (through soong's own duplicate of it) so the call's blocking
// read returns.

#include "call_deadline.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <thread>
#include <utility>

#include "connection_state.hpp"
#include "soong/error.hpp"

namespace soong::detail {

namespace {

/// A close-on-exec duplicate of the socket of `conn`'s session, or -1 when it has none. Also -1
/// when the process has no descriptor to spare (EMFILE): the call then runs without the
/// shutdown, its deadline only sending the cancel request (a call whose server never answers
/// waits as it would without a deadline). Never libpq's own number instead: libpq may close it
/// during the call and the process reuse it, and the shutdown would cut an unrelated socket.
int duplicate_socket_of(PGconn* conn) noexcept {
  const int socket = conn != nullptr ? PQsocket(conn) : -1;
  if (socket < 0) return -1;
  return ::fcntl(socket, F_DUPFD_CLOEXEC, 0);
}

/// Makes `duplicate` (or -1) the socket the shutdown acts on, closing the one held before. While
/// libpq still has the socket open, closing ours leaves the connection alone; when libpq has
/// dropped it, this closes the TCP connection.
void hold_socket_duplicate(deadline_state& d, int duplicate) noexcept {
  int released = -1;
  {
    const std::lock_guard lock(d.session_mutex);
    released = std::exchange(d.socket_duplicate, duplicate);
  }
  if (released >= 0) ::close(released);
}

/// The watch's action at a call's deadline.
void cancel_running_call(deadline_state& d) {
  std::shared_ptr<PGcancel> canceller;
  {
    const std::lock_guard lock(d.session_mutex);
    canceller = d.canceller;
  }
  auto sent = std::make_shared<std::promise<void>>();
  d.cancel_sent = sent->get_future().share();
  d.fired.store(true, std::memory_order_release);
  std::thread([canceller, sent] {
    if (canceller) {
      std::array<char, 256> ignored{};
      PQcancel(canceller.get(), ignored.data(), static_cast<int>(ignored.size()));
    }
    sent->set_value();
  }).detach();
  d.shutdown_entry = deadline_watch::instance().arm(deadline_clock::now() + d.cancel_grace,
                                                    [&d] { shut_down_session_socket(d); });
}

}  // namespace

deadline_state::~deadline_state() {
  if (socket_duplicate >= 0) ::close(socket_duplicate);
}

void shut_down_session_socket(deadline_state& d) noexcept {
  const std::lock_guard lock(d.session_mutex);
  if (d.socket_duplicate >= 0) ::shutdown(d.socket_duplicate, SHUT_RDWR);
}

void attach_session(deadline_state& d, PGconn* conn) {
  std::shared_ptr<PGcancel> canceller(PQgetCancel(conn), &PQfreeCancel);
  {
    const std::lock_guard lock(d.session_mutex);
    d.canceller = std::move(canceller);
  }
  // A reconnect inside a watched call: its deadline must reach the new session (a SET that
  // hangs), not the old one.
  if (d.cancel_entry != 0) hold_socket_duplicate(d, duplicate_socket_of(conn));
}

void detach_session(deadline_state& d) noexcept {
  {
    const std::lock_guard lock(d.session_mutex);
    d.canceller.reset();
  }
  hold_socket_duplicate(d, -1);
}

void send_cancel(deadline_state& d) {
  std::shared_ptr<PGcancel> canceller;
  {
    const std::lock_guard lock(d.session_mutex);
    canceller = d.canceller;
  }
  if (!canceller) throw connection_error("cancel: the connection is not open");
  std::array<char, 256> message{};
  if (PQcancel(canceller.get(), message.data(), static_cast<int>(message.size())) == 0) {
    throw connection_error(
        fmt::format("cancel: the request could not be sent: {}", message.data()));
  }
}

void watch_call(deadline_state& d, std::string_view query_name, PGconn* conn) {
  const deadline_clock::time_point now = deadline_clock::now();
  deadline_clock::time_point deadline = deadline_clock::time_point::max();
  if (d.statement_timeout) deadline = now + *d.statement_timeout;
  if (d.scope_deadline && *d.scope_deadline < deadline) deadline = *d.scope_deadline;
  if (deadline <= now) {
    sql_error_fields fields;
    fields.sqlstate = "57014";
    fields.message = "not started: the call's deadline has passed";
    throw_sql_error(std::string(query_name), std::move(fields), std::nullopt);
  }
  d.fired.store(false, std::memory_order_relaxed);
  d.shutdown_entry = 0;
  hold_socket_duplicate(d, duplicate_socket_of(conn));
  try {
    d.cancel_entry = deadline_watch::instance().arm(deadline, [&d] { cancel_running_call(d); });
  } catch (...) {
    hold_socket_duplicate(d, -1);
    throw;
  }
}

void unwatch_call(deadline_state& d) noexcept {
  if (d.cancel_entry == 0) return;
  deadline_watch& watch = deadline_watch::instance();
  watch.disarm(d.cancel_entry);  // after this, cancel_running_call has run or never will
  d.cancel_entry = 0;
  if (d.fired.load(std::memory_order_acquire)) {
    watch.disarm(d.shutdown_entry);
    d.shutdown_entry = 0;
    if (d.cancel_sent.wait_for(d.cancel_grace) != std::future_status::ready) {
      // The server never took the cancel: it could still arrive during the next call. A closed
      // connection is the lesser harm; the next call reports it and reconnect() recovers.
      shut_down_session_socket(d);
    }
  }
  hold_socket_duplicate(d, -1);
}

std::string deadline_note(const deadline_state& d) {
  if (!d.fired.load(std::memory_order_acquire)) return "";
  return fmt::format(
      "the call's deadline passed; soong sent PostgreSQL's cancel request (and closes the "
      "connection when the server does not answer it within {} ms)",
      d.cancel_grace.count());
}

}  // namespace soong::detail
