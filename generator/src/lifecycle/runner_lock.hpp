#pragma once
// One migration runner at a time. The default holds a session advisory lock on a connection of
// its own: the work connection can fail, be killed or be left in any state without ever
// keeping the lock, and a runner killed with -9 loses it the moment the server sees its socket
// close. Behind a transaction pooler session state does not survive between transactions, so
// `--lock-mode transaction` takes a transaction-scoped lock inside each migration's
// transaction instead.

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>

#include "lifecycle/database_target.hpp"

namespace soong {
class connection;
}

namespace soong::gen::lifecycle {

/// The advisory lock key every soong runner takes (`SELECT pg_advisory_lock(...)` in psql
/// holds it by hand: no runner starts until it is released).
inline constexpr std::int64_t migration_lock_key = 7'365'346'100;

/// Who holds the migration lock: "pid 4242 (application 'psql', client 10.0.0.5, holding
/// it for up to 12s)"; empty when nobody does.
[[nodiscard]] std::string migration_lock_holder(connection& conn);

/// Waits up to `wait` for the session lock on `conn`, telling `progress` who holds the lock
/// while it waits. Throws soong::error naming the holder when the time is up.
void wait_for_migration_lock(connection& conn, std::chrono::milliseconds wait,
                             std::ostream& progress);

/// Begins a transaction on `conn` that holds the transaction-scoped lock, waiting as
/// wait_for_migration_lock does. Each attempt is a transaction of its own, so a waiting runner
/// keeps no transaction open and the one that gets the lock starts after the previous holder
/// committed (its catalog view includes what that holder created).
void begin_with_transaction_lock(connection& conn, std::chrono::milliseconds wait,
                                 std::ostream& progress);

/// The session lock, held on a dedicated connection for the object's lifetime.
class session_migration_lock {
 public:
  /// Connects to `target` and waits for the lock (see wait_for_migration_lock).
  session_migration_lock(const database_target& target, std::chrono::milliseconds wait,
                         std::ostream& progress);
  ~session_migration_lock();
  session_migration_lock(const session_migration_lock&) = delete;
  session_migration_lock& operator=(const session_migration_lock&) = delete;

 private:
  std::unique_ptr<connection> conn_;
};

/// Parses `--lock-timeout`-style durations: `500ms`, `2s`, `1min`/`1m`, `1h`, or plain
/// seconds. Throws soong::error for anything else.
[[nodiscard]] std::chrono::milliseconds parse_duration(const std::string& text,
                                                       const std::string& option);

}  // namespace soong::gen::lifecycle
