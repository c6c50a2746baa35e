// soong::transaction: BEGIN/COMMIT/ROLLBACK and savepoints.

#include "soong/transaction.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include "connection_state.hpp"
#include "soong/error.hpp"

namespace soong {

namespace {
/// Runs a transaction-control command. Deliberately skips check_not_aborted: ROLLBACK is how a
/// failed transaction is left.
void run_command(detail::connection_state& s, const std::string& sql) {
  PQclear(detail::check_result(s, PQexec(s.conn, sql.c_str()), sql));
}

/// Ends the transaction (or releases the savepoint) after a rollback.
void roll_back(detail::connection_state& s, const std::string& savepoint) {
  if (savepoint.empty()) {
    run_command(s, "ROLLBACK");
  } else {
    run_command(s, "ROLLBACK TO SAVEPOINT " + savepoint);
    run_command(s, "RELEASE SAVEPOINT " + savepoint);
  }
  s.failed_transaction_error.clear();
}

/// The name concurrent-use errors give transaction commands.
constexpr std::string_view command_name = "soong::transaction";

std::string begin_sql(const transaction_options& o) {
  std::string sql = "BEGIN";
  switch (o.isolation) {
    case isolation_level::server_default:
      break;
    case isolation_level::read_committed:
      sql += " ISOLATION LEVEL READ COMMITTED";
      break;
    case isolation_level::repeatable_read:
      sql += " ISOLATION LEVEL REPEATABLE READ";
      break;
    case isolation_level::serializable:
      sql += " ISOLATION LEVEL SERIALIZABLE";
      break;
  }
  if (o.read_only) sql += " READ ONLY";
  if (o.deferrable) sql += " DEFERRABLE";
  return sql;
}
}  // namespace

transaction::transaction(connection& conn, transaction_options options) : conn_(&conn) {
  const detail::connection_use use(conn, command_name);
  detail::connection_state& s = conn.state();
  if (PQtransactionStatus(s.conn) == PQTRANS_IDLE) {
    run_command(s, begin_sql(options));
    return;
  }
  detail::check_not_aborted(s, "SAVEPOINT");
  if (options.isolation != isolation_level::server_default || options.read_only ||
      options.deferrable) {
    throw error("a nested soong::transaction is a savepoint and takes no transaction_options");
  }
  savepoint_ = fmt::format("soong_savepoint_{}", ++s.savepoints_made);
  run_command(s, "SAVEPOINT " + savepoint_);
}

transaction::~transaction() {
  if (!active_) return;
  try {
    rollback();
  } catch (...) {
    // Destructors must not throw; a broken connection rolls back on the server anyway.
  }
}

void transaction::commit() {
  if (!active_) throw error("commit() on a transaction that already ended");
  const detail::connection_use use(*conn_, command_name);
  detail::connection_state& s = conn_->state();
  active_ = false;  // whatever happens below, the transaction is over
  if (PQtransactionStatus(s.conn) == PQTRANS_INERROR) {
    // COMMIT of a failed transaction "succeeds" with the tag ROLLBACK; make it loud instead.
    std::string cause = s.failed_transaction_error;
    roll_back(s, savepoint_);
    throw transaction_aborted(fmt::format(
        "COMMIT: the transaction was rolled back because an earlier statement failed ({})",
        cause.empty() ? std::string("unknown error") : cause));
  }
  if (!savepoint_.empty()) {
    run_command(s, "RELEASE SAVEPOINT " + savepoint_);
    return;
  }
  try {
    run_command(s, "COMMIT");
  } catch (const connection_error& e) {
    // No answer to a COMMIT the server may have received: neither outcome can be ruled out.
    throw connection_error(std::string(e.what()) +
                           "; the transaction may have committed: the COMMIT was sent and its "
                           "answer never arrived, so check the database before doing it again");
  }
}

void transaction::rollback() {
  if (!active_) return;
  const detail::connection_use use(*conn_, command_name);
  active_ = false;
  roll_back(conn_->state(), savepoint_);
}

}  // namespace soong
