// Named or unnamed statements in `automatic` mode (see statement_cache_mode).

#include "pooler_detection.hpp"

#include <fmt/format.h>

#include <atomic>
#include <charconv>
#include <memory>
#include <string>

#include "soong/warnings.hpp"

namespace soong::detail {

namespace {

using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

bool pooler_between(connection_state& s, std::string_view query_name) {
  const result_ptr res(check_result(s, PQexec(s.conn, "SELECT pg_backend_pid()"), query_name),
                       &PQclear);
  if (PQntuples(res.get()) != 1 || PQnfields(res.get()) != 1) return true;
  const std::string_view text(PQgetvalue(res.get(), 0, 0));
  int server_pid = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), server_pid);
  if (ec != std::errc{} || end != text.data() + text.size()) return true;
  return server_pid != PQbackendPID(s.conn);
}

}  // namespace

bool is_statement_name_error(const PGresult* res) {
  const std::string_view code = sqlstate_of(res);
  if (code == "26000" || code == "42P05") return true;
  // PgBouncer 1.21+ with max_prepared_statements refuses a name a client reuses with other SQL.
  const char* message = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
  return message != nullptr &&
         std::string_view(message).find("prepared statement name is already in use") !=
             std::string_view::npos;
}

bool prepare_named(connection_state& s, std::string_view query_name) {
  if (s.cache_mode != statement_cache_mode::automatic) {
    return s.cache_mode == statement_cache_mode::on;
  }
  if (!s.pooler_detected) {
    s.pooler_detected = false;  // set first: a failing probe is not retried on every call
    if (pooler_between(s, query_name)) {
      switch_to_unnamed_statements(
          s, query_name,
          "the server's backend pid differs from the one received at connect, so a connection "
          "pooler is in between");
    }
  }
  return !*s.pooler_detected;
}

bool cured_by_unnamed_statements(const connection_state& s, const PGresult* res) {
  return s.cache_mode == statement_cache_mode::automatic && res != nullptr &&
         PQresultStatus(res) == PGRES_FATAL_ERROR && PQtransactionStatus(s.conn) == PQTRANS_IDLE &&
         is_statement_name_error(res);
}

void switch_to_unnamed_statements(connection_state& s, std::string_view query_name,
                                  std::string_view reason) {
  s.pooler_detected = true;
  for (auto& [sql, variants] : s.statements) {
    for (prepared_statement& p : variants) p.name.clear();
  }
  s.pending_warning = fmt::format(
      "{}: switched this connection to unnamed statements: {}. Configure it explicitly "
      "(statement_cache=off or pooler=transaction in the URL, or SOONG_STATEMENT_CACHE=off) "
      "to skip detection",
      query_name, reason);
  // Once per process: a pool of connections behind one pooler would say the same thing for
  // every connection.
  static std::atomic<bool> warned{false};
  if (!warned.exchange(true)) warn(s.pending_warning);
}

}  // namespace soong::detail
