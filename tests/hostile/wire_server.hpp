#pragma once
// A loopback server speaking PostgreSQL's wire protocol (version 3) under a test's control:
// enough of it for libpq's startup and the extended-query and COPY messages soong sends, so a
// test can answer with what a buggy server, a broken proxy or an attacker could send: wrong
// column types or counts, truncated or oversized values, NULL where none can be, an error in
// the middle of a result, a connection cut at any message, a COPY that never ends.
//
// Each client connection runs the test's script on a thread of its own, after the startup
// handshake (which the script can also cut short). Cancel requests are accepted and ignored,
// as from a server too busy to act on them.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soong::test {

/// One message from the client: its type byte and its body (without type and length).
struct client_message {
  char type = 0;
  std::string body;
};

/// A result column as RowDescription describes it.
struct wire_column {
  std::string name;
  std::uint32_t type_oid = 0;
  std::int16_t type_length = -1;
};

/// The server side of one client connection.
class wire_session {
 public:
  explicit wire_session(int socket);
  ~wire_session();
  wire_session(const wire_session&) = delete;
  wire_session& operator=(const wire_session&) = delete;

  /// The next message; nullopt when the client closed the connection.
  [[nodiscard]] std::optional<client_message> read();
  /// Messages up to and including the next Sync (or a simple Query, or CopyDone/CopyFail);
  /// empty when the client closed the connection.
  [[nodiscard]] std::vector<client_message> read_until_sync();

  void send(char type, std::string_view body);
  /// Closes the connection now (the client sees EOF).
  void cut();
  /// Messages sent so far, counted for cutting at each boundary.
  [[nodiscard]] int messages_sent() const { return sent_; }
  /// After `count` more messages, cut() instead of sending; nullopt: never.
  void cut_after(std::optional<int> count) {
    cut_at_ = count ? std::optional(sent_ + *count) : std::nullopt;
  }
  [[nodiscard]] bool is_cut() const { return socket_ < 0; }

  // The server's messages.
  void parse_complete() { send('1', {}); }
  void bind_complete() { send('2', {}); }
  void no_data() { send('n', {}); }
  void row_description(const std::vector<wire_column>& columns);
  /// A DataRow; nullopt is NULL. Values are sent as given (binary format is what soong asks for).
  void data_row(const std::vector<std::optional<std::string>>& values);
  void command_complete(std::string_view tag);
  void ready_for_query(char status = 'I');
  void error_response(std::string_view sqlstate, std::string_view message);
  /// CopyInResponse for a binary COPY of `columns` columns.
  void copy_in_response(int columns);

 private:
  bool read_exact(char* into, std::size_t n);
  int socket_;
  int sent_ = 0;
  std::optional<int> cut_at_;
};

/// A value in PostgreSQL's binary format.
[[nodiscard]] std::string binary_int8(std::int64_t value);
[[nodiscard]] std::string binary_int4(std::int32_t value);

/// The listening server. Each accepted connection gets its own thread running the handshake and
/// then `script` (which returns when it is done with the connection; the connection is then
/// closed).
class wire_server {
 public:
  using script = std::function<void(wire_session&)>;

  /// `backend_pid` is sent in BackendKeyData.
  explicit wire_server(script on_session, std::int32_t backend_pid = 4242);
  ~wire_server();
  wire_server(const wire_server&) = delete;
  wire_server& operator=(const wire_server&) = delete;

  /// libpq conninfo for this server (no TLS; every password accepted).
  [[nodiscard]] std::string conninfo() const;
  /// Cancel requests received so far.
  [[nodiscard]] int cancel_requests() const;
  /// Before ReadyForQuery of the handshake, cut after this many messages (nullopt: complete it).
  void cut_handshake_after(std::optional<int> messages);
  /// The TimeZone the handshake reports ("UTC" unless set). Another zone makes soong send
  /// `SET TimeZone TO 'UTC'` (a simple Query) first, which the script then answers.
  void report_time_zone(std::string zone);

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace soong::test
