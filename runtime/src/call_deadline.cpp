// Watching a call's deadline: at the deadline, a cancel request (on a thread of its own: with
// libpq 15 it connects and waits for the server without a timeout); at the deadline plus the
// grace, the socket is shut down so the call's blocking read returns.

#include "call_deadline.hpp"

#include <fmt/format.h>
#include <sys/socket.h>

#include <array>
#include <thread>

#include "connection_state.hpp"
#include "soong/error.hpp"

namespace soong::detail {

namespace {

void shut_socket_down(deadline_state& d) {
  const std::lock_guard lock(d.session_mutex);
  if (d.socket >= 0) ::shutdown(d.socket, SHUT_RDWR);
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
                                                    [&d] { shut_socket_down(d); });
}

}  // namespace

void attach_session(deadline_state& d, PGconn* conn) {
  std::shared_ptr<PGcancel> canceller(PQgetCancel(conn), &PQfreeCancel);
  const std::lock_guard lock(d.session_mutex);
  d.canceller = std::move(canceller);
  d.socket = PQsocket(conn);
}

void detach_session(deadline_state& d) noexcept {
  const std::lock_guard lock(d.session_mutex);
  d.canceller.reset();
  d.socket = -1;
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

void watch_call(deadline_state& d, std::string_view query_name) {
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
  d.cancel_entry = deadline_watch::instance().arm(deadline, [&d] { cancel_running_call(d); });
}

void unwatch_call(deadline_state& d) noexcept {
  if (d.cancel_entry == 0) return;
  deadline_watch& watch = deadline_watch::instance();
  watch.disarm(d.cancel_entry);  // after this, cancel_running_call has run or never will
  d.cancel_entry = 0;
  if (!d.fired.load(std::memory_order_acquire)) return;
  watch.disarm(d.shutdown_entry);
  d.shutdown_entry = 0;
  if (d.cancel_sent.wait_for(d.cancel_grace) != std::future_status::ready) {
    // The server never took the cancel: it could still arrive during the next call. A closed
    // connection is the lesser harm; the next call reports it and reconnect() recovers.
    shut_socket_down(d);
  }
}

std::string deadline_note(const deadline_state& d) {
  if (!d.fired.load(std::memory_order_acquire)) return "";
  return fmt::format(
      "the call's deadline passed; soong sent PostgreSQL's cancel request (and closes the "
      "connection when the server does not answer it within {} ms)",
      d.cancel_grace.count());
}

}  // namespace soong::detail
