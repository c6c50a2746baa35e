// Statement execution: the per-connection prepared-statement cache, result column type checks,
// error mapping, and the statement hook.

#include "soong/execute.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "column_check.hpp"
#include "connection_state.hpp"
#include "pooler_detection.hpp"
#include "soong/error.hpp"
#include "statement_run.hpp"

namespace soong::detail {

namespace {

using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

/// SQLSTATEs after which re-preparing is safe and right (in `on` mode; `automatic` switches to
/// unnamed statements for 26000 instead): the server lost the statement (26000: DISCARD ALL) or
/// its plan's result type changed (0A000, "cached plan must not change result type"; the
/// re-prepare re-checks the column types).
bool is_stale_statement(const PGresult* res) {
  const std::string_view code = sqlstate_of(res);
  return code == "26000" || code == "0A000";
}

void call_hook(connection_state& s, const statement_event& event) {
  try {
    s.hook(event);
  } catch (...) {
    // A hook is for observation; it must not change the statement's outcome.
  }
}

/// Runs `send` and reports it to the hook when one is installed.
template <class Send>
PGresult* timed(connection_state& s, std::string_view name, std::string_view sql,
                const oid_t* types, const param_slots& params, Send&& send) {
  if (!s.hook) return send();
  const auto start = std::chrono::steady_clock::now();
  PGresult* res = send();
  const ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  report_to_hook(s, name, sql, types, params, std::chrono::steady_clock::now() - start,
                 status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK);
  return res;
}

}  // namespace

void report_to_hook(connection_state& s, std::string_view name, std::string_view sql,
                    const oid_t* types, const param_slots& params,
                    std::chrono::steady_clock::duration duration, bool succeeded) {
  statement_event event;
  event.query_name = name;
  event.sql = sql;
  event.duration = duration;
  event.succeeded = succeeded;
  const std::string warning = std::exchange(s.pending_warning, {});
  event.warning = warning;
  std::vector<hook_parameter> values;
  if (s.hook_parameters) {
    for (int i = 0; i < params.count; ++i) {
      hook_parameter v;
      v.oid = types != nullptr ? types[i] : 0;
      if (params.values[i] != nullptr) {
        v.binary = std::string_view(params.values[i], static_cast<std::size_t>(params.lengths[i]));
      }
      values.push_back(v);
    }
    event.parameters = values;
  }
  call_hook(s, event);
}

void throw_connection_lost(const connection_state& s, std::string_view query_name) {
  if (!s.session_start_failure.empty()) {
    throw connection_error(fmt::format(
        "{}: not run: the connection to {} was closed because its session could not be started "
        "({}); reconnect() makes a new one",
        query_name, describe_target(s.conn), s.session_start_failure));
  }
  std::string message = PQerrorMessage(s.conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  const std::string note = deadline_note(s.deadlines);
  throw connection_error(fmt::format("{}: connection to {} lost: {}{}{}", query_name,
                                     describe_target(s.conn), message, note.empty() ? "" : "; ",
                                     note));
}

void check_not_aborted(const connection_state& s, std::string_view query_name) {
  if (s.conn != nullptr && PQtransactionStatus(s.conn) == PQTRANS_INERROR) {
    throw transaction_aborted(fmt::format(
        "{}: not run: an earlier statement failed this transaction ({}); roll it back first "
        "(soong::transaction does when it goes out of scope)",
        query_name,
        s.failed_transaction_error.empty() ? std::string("unknown error")
                                           : s.failed_transaction_error));
  }
}

PGresult* check_result(connection_state& s, PGresult* raw, std::string_view query_name) {
  result_ptr res(raw, &PQclear);
  const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) return res.release();
  if (!res || !is_server_error(s, res.get())) throw_connection_lost(s, query_name);
  if (PQtransactionStatus(s.conn) == PQTRANS_INERROR && s.failed_transaction_error.empty()) {
    s.failed_transaction_error =
        fmt::format("{}: {}", query_name, PQresultErrorField(res.get(), PG_DIAG_MESSAGE_PRIMARY));
  } else if (PQtransactionStatus(s.conn) == PQTRANS_IDLE) {
    s.failed_transaction_error.clear();
  }
  if (const std::string note = deadline_note(s.deadlines); !note.empty()) {
    sql_error_fields fields = error_fields(res.get());
    fields.message += " (" + note + ")";
    throw_sql_error(std::string(query_name), std::move(fields), std::nullopt);
  }
  throw_sql_error(query_name, res.get());
}

/// The parameter types `stmt` is sent with on this connection (user types resolved by name;
/// `wire` gets a domain's base type, which its values are encoded as).
void resolve_parameters(connection_state& s, const statement& stmt, std::vector<oid_t>& oids,
                        std::vector<oid_t>& wire) {
  oids.reserve(stmt.params.size());
  wire.reserve(stmt.params.size());
  for (const type_ref& ref : stmt.params) {
    if (ref.oid != 0) {
      oids.push_back(ref.oid);
      wire.push_back(ref.oid);
    } else {
      const user_type& type = s.types.lookup(ref.schema, ref.name);
      oids.push_back(type.oid);
      wire.push_back(type.wire_oid);
    }
  }
}

namespace {

/// Prepares `entry` under a fresh name and reads its Describe. Returns false when the name did
/// not stay on one server session and the connection switched to unnamed statements instead.
bool prepare_on_server(connection_state& s, const statement& stmt, prepared_statement& entry) {
  entry.name = fmt::format("{}{}", s.statement_prefix, ++s.statements_prepared);
  const auto round_trip = [&](PGresult* raw) {
    if (cured_by_unnamed_statements(s, raw)) {
      const std::string reason =
          fmt::format("preparing it failed with \"{}\"", error_fields(raw).message);
      PQclear(raw);
      switch_to_unnamed_statements(s, stmt.name, reason);
      return result_ptr(nullptr, &PQclear);
    }
    return result_ptr(check_result(s, raw, stmt.name), &PQclear);
  };
  if (!round_trip(PQprepare(s.conn, entry.name.c_str(), entry.sql,
                            static_cast<int>(entry.param_oids.size()), entry.param_oids.data()))) {
    return false;
  }
  const result_ptr described = round_trip(PQdescribePrepared(s.conn, entry.name.c_str()));
  if (!described) return false;
  read_columns(described.get(), entry.column_oids, entry.column_names);
  return true;
}

/// prepare() without the descriptor index: finds the entry by SQL text, or prepares it.
const prepared_statement& prepare_by_sql(connection& conn, const statement& stmt) {
  connection_state& s = conn.state();
  auto it = s.statements.find(stmt.sql);
  if (it != s.statements.end()) {
    // Fast path: this descriptor was verified against one of the entries for its SQL.
    for (const prepared_statement& p : it->second) {
      if (p.checked_for == &stmt) return p;
    }
  }
  check_not_aborted(s, stmt.name);
  // Exact parameter types: the server then decodes our binary values as exactly the type they
  // were encoded for.
  prepared_statement fresh;
  resolve_parameters(s, stmt, fresh.param_oids, fresh.param_wire_oids);
  const std::vector<oid_t> declared = declared_column_types(s, stmt);
  const bool declares_columns = !stmt.columns.empty();
  if (it != s.statements.end()) {
    for (prepared_statement& p : it->second) {
      if (p.param_oids != fresh.param_oids) continue;
      // Same SQL and parameter types, another descriptor: check its declared columns against
      // the entry's (no round trip). An unnamed entry holds another descriptor's declared
      // columns, which must then be the same.
      if (!p.name.empty()) {
        check_declared_columns(s, stmt, p.column_oids, p.column_names);
      } else if (p.column_oids != declared || p.check_each_result != declares_columns) {
        continue;
      }
      p.checked_for = &stmt;
      return p;
    }
  } else {
    it = s.statements.emplace(std::string(stmt.sql), std::deque<prepared_statement>{}).first;
  }
  std::deque<prepared_statement>& variants = it->second;
  prepared_statement& entry = variants.emplace_back(std::move(fresh));
  entry.sql = it->first.c_str();
  try {
    if (prepare_named(s, stmt.name) && prepare_on_server(s, stmt, entry)) {
      // Stays cached when the check fails: every call then fails the same way, without
      // re-preparing.
      entry.checked_for = &stmt;
      check_declared_columns(s, stmt, entry.column_oids, entry.column_names);
      return entry;
    }
  } catch (...) {
    variants.pop_back();  // not prepared: try again next time
    if (variants.empty()) s.statements.erase(it);
    throw;
  }
  // Unnamed: there is no Describe; each result is checked against the declared columns.
  entry.name.clear();
  entry.column_oids = declared;
  entry.column_names.clear();
  entry.check_each_result = declares_columns;
  entry.checked_for = &stmt;
  return entry;
}

}  // namespace

void prepare_again(connection_state& s, const statement& stmt, const prepared_statement& lost) {
  const auto variants = s.statements.find(stmt.sql);
  if (variants == s.statements.end()) return;
  for (prepared_statement& p : variants->second) {
    if (&p != &lost || p.name.empty()) continue;
    PQclear(check_result(s,
                         PQprepare(s.conn, p.name.c_str(), p.sql,
                                   static_cast<int>(p.param_oids.size()), p.param_oids.data()),
                         stmt.name));
    const result_ptr described(
        check_result(s, PQdescribePrepared(s.conn, p.name.c_str()), stmt.name), &PQclear);
    read_columns(described.get(), p.column_oids, p.column_names);
    check_declared_columns(s, stmt, p.column_oids, p.column_names);
  }
}

const prepared_statement& prepare(connection& conn, const statement& stmt) {
  connection_state& s = conn.state();
  if (const auto hit = s.by_descriptor.find(&stmt); hit != s.by_descriptor.end()) {
    return *hit->second;
  }
  const prepared_statement& entry = prepare_by_sql(conn, stmt);
  s.by_descriptor.emplace(&stmt, &entry);
  return entry;
}

const prepared_statement* rerun_after_failure(connection& conn, const statement& stmt,
                                              const prepared_statement& p, PGresult* failed) {
  connection_state& s = conn.state();
  if (p.name.empty() || failed == nullptr || PQresultStatus(failed) != PGRES_FATAL_ERROR) {
    return nullptr;
  }
  // The statement failed before execution, outside a transaction, so nothing ran and it can
  // run once more: unnamed when the name went astray (automatic mode), else prepared again.
  if (cured_by_unnamed_statements(s, failed)) {
    const std::string reason =
        fmt::format("running it failed with \"{}\"", error_fields(failed).message);
    PQclear(failed);
    switch_to_unnamed_statements(s, stmt.name, reason);  // p is now unnamed
    return &p;
  }
  if (is_stale_statement(failed) && PQtransactionStatus(s.conn) == PQTRANS_IDLE) {
    PQclear(failed);
    s.by_descriptor.clear();
    s.statements.erase(s.statements.find(stmt.sql));
    return &prepare(conn, stmt);
  }
  return nullptr;
}

result run_prepared(connection& conn, const statement& stmt, const prepared_statement& prepared,
                    const param_slots& params) {
  connection_state& s = conn.state();
  check_not_aborted(s, stmt.name);
  const prepared_statement* p = &prepared;
  for (int attempt = 0;; ++attempt) {
    PGresult* raw = timed(s, stmt.name, stmt.sql, p->param_oids.data(), params, [&] {
      return p->name.empty() ? PQexecParams(s.conn, p->sql, params.count, p->param_oids.data(),
                                            params.values, params.lengths, params.formats, 1)
                             : PQexecPrepared(s.conn, p->name.c_str(), params.count, params.values,
                                              params.lengths, params.formats, 1);
    });
    // The status test stays inline: this runs on every call (bench/run's point select).
    if (attempt == 0 && raw != nullptr && PQresultStatus(raw) == PGRES_FATAL_ERROR) {
      if (const prepared_statement* again = rerun_after_failure(conn, stmt, *p, raw)) {
        p = again;
        continue;
      }
    }
    PGresult* ok = check_result(s, raw, stmt.name);
    result r(ok, stmt.name, true);
    if (!columns_match(r, *p)) [[unlikely]] {
      throw_result_columns(s, stmt, *p, ok);
    }
    return r;
  }
}

result run_raw(connection& conn, std::string_view sql, const oid_t* types,
               const param_slots& params) {
  connection_state& s = conn.state();
  check_not_aborted(s, "execute_sql");
  const std::string text(sql);  // libpq wants NUL-terminated SQL
  PGresult* raw = timed(s, "execute_sql", sql, types, params, [&] {
    return PQexecParams(s.conn, text.c_str(), params.count, types, params.values, params.lengths,
                        params.formats, 1);
  });
  return result(check_result(s, raw, "execute_sql"), "execute_sql", false);
}

void rethrow_parameter_error(std::string_view query_name, int index) {
  try {
    throw;
  } catch (const error& e) {
    throw error(fmt::format("{}: parameter ${}: {}", query_name, index + 1, e.what()));
  }
}

void throw_parameter_type(std::string_view query_name, int index, oid_t oid) {
  throw error(
      fmt::format("{}: parameter ${}: the C++ argument does not encode as {} (the "
                  "generated code and the runtime disagree; regenerate)",
                  query_name, index + 1, builtin_type_name(oid)));
}

void throw_parameter_count(std::string_view query_name, std::size_t expected, std::size_t given) {
  throw error(fmt::format("{}: expects {} parameters, {} given", query_name, expected, given));
}

}  // namespace soong::detail

namespace soong {

void execute_script(connection& conn, std::string_view sql) {
  const detail::connection_use use(conn, "execute_script");
  detail::connection_state& s = conn.state();
  // No transaction_aborted check: a script may be the ROLLBACK that leaves a failed transaction
  // (anything else is refused by the server with 25P02).
  const std::string text(sql);
  // PQexec returns the last statement's result; an error stops the script there.
  PQclear(detail::check_result(s, PQexec(s.conn, text.c_str()), "execute_script"));
}

}  // namespace soong
