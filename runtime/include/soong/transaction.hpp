#pragma once
// soong::transaction: BEGIN ... COMMIT as a scope guard, with savepoints for nesting.

#include <string>

#include "soong/connection.hpp"

namespace soong {

/// SQL isolation levels; `server_default` leaves `default_transaction_isolation` in charge.
enum class isolation_level { server_default, read_committed, repeatable_read, serializable };

/// Options of a top-level transaction (a nested one, a savepoint, takes none).
struct transaction_options {
  isolation_level isolation = isolation_level::server_default;
  bool read_only = false;
  bool deferrable = false;  ///< with serializable + read_only: wait for a safe snapshot
};

/// Begins a transaction, or a savepoint when the connection is already in one. Rolls back in
/// the destructor unless commit() was called, also while an exception unwinds. Not movable:
/// keep it in one scope.
class transaction {
 public:
  explicit transaction(connection& conn, transaction_options options = {});
  ~transaction();
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;

  /// COMMIT (or RELEASE SAVEPOINT). Throws sql_error when the commit fails (e.g. a deferred
  /// constraint or serialization failure), and transaction_aborted when an earlier statement
  /// failed (the transaction is then rolled back).
  ///
  /// Under a deadline (soong/deadline.hpp): query_canceled from commit() means the server
  /// stopped the COMMIT before it took effect (e.g. in a deferred trigger), so the transaction
  /// was rolled back. connection_error means the connection broke (or was closed after the
  /// cancel grace) with the COMMIT sent and unanswered: the transaction may have committed, and
  /// the message says so. Check the database before doing the work again.
  void commit();
  /// ROLLBACK (or ROLLBACK TO SAVEPOINT + RELEASE).
  void rollback();

  /// True for a nested transaction implemented as a savepoint.
  [[nodiscard]] bool is_savepoint() const noexcept { return !savepoint_.empty(); }
  /// False after commit() or rollback().
  [[nodiscard]] bool is_active() const noexcept { return active_; }

 private:
  connection* conn_;
  std::string savepoint_;
  bool active_ = true;
};

}  // namespace soong
