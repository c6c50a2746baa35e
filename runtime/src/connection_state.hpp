#pragma once
// Private: what a soong::connection holds, and helpers shared by the runtime's sources.

#include <libpq-fe.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "call_deadline.hpp"
#include "crud_statement_cache.hpp"
#include "soong/connection.hpp"
#include "soong/error.hpp"
#include "soong/execute.hpp"

namespace soong::detail {

/// Transparent hash so the statement cache is searched by std::string_view without allocating.
struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

struct connection_state {
  PGconn* conn = nullptr;
  // Set while a call runs on this connection (detail::connection_use), with the thread that
  // runs it: a second call from that same thread is a nested call (a query from inside a
  // streaming callback), not a second thread, and its error says so.
  std::atomic<bool> in_use{false};
  std::atomic<std::thread::id> in_use_by{};
  statement_cache_mode cache_mode = statement_cache_mode::automatic;
  // `automatic` mode: whether a pooler sits between this connection and the server; nullopt
  // until the first generated statement asks (see statement_cache_mode).
  std::optional<bool> pooler_detected;
  // "soong_<16 hex digits>_": names this connection's prepared statements. Random per
  // connection, so a name can never refer to a statement that another client prepared on the
  // same server session (a transaction pooler hands server sessions from client to client).
  std::string statement_prefix;
  // A warning for the statement hook's next event (set when the connection switched to
  // unnamed statements during the call that event reports).
  std::string pending_warning;
  type_registry types;
  // Keyed by SQL text; usually one entry per text, more when descriptors with the same SQL ask
  // for different parameter types. Node-based map and deque: references stay valid while
  // entries are added.
  std::unordered_map<std::string, std::deque<prepared_statement>, string_hash, std::equal_to<>>
      statements;
  // Hot-path index for prepare(): descriptor address -> the entry verified for it, so a cached
  // execute neither hashes nor compares the SQL text (that was ~150 instructions per call in
  // bench/run's point-select benchmark). Points into `statements`: clear it whenever entries are
  // removed from there.
  std::unordered_map<const statement*, const prepared_statement*> by_descriptor;
  // CRUD statements per column set (soong/crud_call.hpp); their descriptors are keys of
  // `by_descriptor` while cached.
  crud_statement_cache crud_statements;
  std::uint64_t statements_prepared = 0;
  std::uint64_t savepoints_made = 0;
  statement_hook hook;
  bool hook_parameters = false;
  // The error that put the current transaction into the failed state, for transaction_aborted.
  std::string failed_transaction_error;
  // Set for connections made from a connection_config: reconnect() connects anew with its result
  // instead of PQreset, which would resend an expired RDS IAM token.
  std::function<std::string()> fresh_conninfo;
  // Deadlines of calls and cancelling them (soong/deadline.hpp).
  deadline_state deadlines;
  // Why the current libpq connection was closed right after connecting (its session could not be
  // put in UTC); "" while its session started well. Named in the next call's connection_error.
  std::string session_start_failure;

  connection_state() = default;
  connection_state(const connection_state&) = delete;
  connection_state& operator=(const connection_state&) = delete;
  ~connection_state() {
    if (conn != nullptr) PQfinish(conn);
  }
};

/// Whether generated statements are prepared under a name right now (see statement_cache_mode).
[[nodiscard]] inline bool uses_named_statements(const connection_state& s) noexcept {
  return s.cache_mode == statement_cache_mode::on ||
         (s.cache_mode == statement_cache_mode::automatic && s.pooler_detected != true);
}

/// Prepares `lost` (an entry of `s.statements`) again under its own name, after the server
/// lost it (26000), and re-reads and re-checks its columns.
void prepare_again(connection_state& s, const statement& stmt, const prepared_statement& lost);

/// A fresh random statement-name prefix ("soong_<16 hex digits>_").
[[nodiscard]] std::string new_statement_prefix();

/// The fields of the server's error report in `res`.
[[nodiscard]] sql_error_fields error_fields(const PGresult* res);
/// The SQLSTATE of the server's error report in `res` ("" when there is none).
[[nodiscard]] std::string_view sqlstate_of(const PGresult* res);
/// Whether a failed `res` is the server's error report on a live connection (it has a
/// SQLSTATE): the statement failed and the session goes on. Otherwise libpq itself failed (the
/// connection closed, the server crashed mid-statement).
[[nodiscard]] bool is_server_error(const connection_state& s, const PGresult* res);
/// Throws the sql_error subclass matching the SQLSTATE: the one mapping for every path.
[[noreturn]] void throw_sql_error(std::string query_name, sql_error_fields fields,
                                  std::optional<std::size_t> batch_index);
/// Throws the sql_error subclass matching the SQLSTATE of `res` (which stays owned by caller).
[[noreturn]] void throw_sql_error(std::string_view query_name, const PGresult* res);
/// Throws connection_error "<query>: connection to <target> lost: <libpq message>".
[[noreturn]] void throw_connection_lost(const connection_state& state, std::string_view query_name);
/// Throws transaction_aborted when the session's transaction has failed.
void check_not_aborted(const connection_state& state, std::string_view query_name);
/// Checks the outcome of one PQexec*-style call: returns `res` when it succeeded, otherwise
/// clears it and throws (sql_error, or connection_error when the connection broke).
PGresult* check_result(connection_state& state, PGresult* res, std::string_view query_name);
/// "host=... port=... dbname=..." of a connection (no password).
[[nodiscard]] std::string describe_target(const PGconn* conn);

}  // namespace soong::detail
