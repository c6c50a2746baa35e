#pragma once
// Private: what every pipeline batch (soong/pipeline.hpp, soong/batch_outcome.hpp) shares.

#include <libpq-fe.h>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>

#include "connection_state.hpp"
#include "soong/statement.hpp"
#include "soong/statement_hook.hpp"

namespace soong::detail {

/// Leaves pipeline mode on every path. After an exception mid-way it first reads whatever the
/// server still sends up to the sync point, so the connection stays usable.
class pipeline_scope {
 public:
  explicit pipeline_scope(connection_state& s, std::string_view query_name) : s_(s) {
    if (PQenterPipelineMode(s_.conn) != 1) throw_connection_lost(s_, query_name);
  }
  pipeline_scope(const pipeline_scope&) = delete;
  pipeline_scope& operator=(const pipeline_scope&) = delete;
  ~pipeline_scope() {
    // Left by an unexpected exception (out of memory) before the sync: the items already sent
    // get one, so the connection can leave pipeline mode and stay usable.
    if (PQstatus(s_.conn) == CONNECTION_OK && !sync_sent_ && PQpipelineSync(s_.conn) == 1) {
      sync_sent_ = true;
    }
    if (PQstatus(s_.conn) == CONNECTION_OK && sync_sent_ && !sync_read_) {
      // Bounded: every queued item yields results and a NULL, then the sync result.
      for (int nulls = 0; nulls < 4;) {
        PGresult* r = PQgetResult(s_.conn);
        if (r == nullptr) {
          ++nulls;
          continue;
        }
        nulls = 0;
        const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        PQclear(r);
        if (sync) break;
      }
    }
    PQexitPipelineMode(s_.conn);
  }
  void sent_sync() noexcept { sync_sent_ = true; }
  void read_sync() noexcept { sync_read_ = true; }

 private:
  connection_state& s_;
  bool sync_sent_ = false;
  bool sync_read_ = false;
};

/// Reports one batch to the statement hook, if any.
inline void call_hook(connection_state& s, const statement& stmt, std::chrono::nanoseconds duration,
                      bool succeeded) {
  if (!s.hook) return;
  statement_event event;
  event.query_name = stmt.name;
  event.sql = stmt.sql;
  event.duration = duration;
  event.succeeded = succeeded;
  const std::string warning = std::exchange(s.pending_warning, {});
  event.warning = warning;
  try {
    s.hook(event);
  } catch (...) {
    // Observation only: a throwing hook must not change the batch's outcome.
  }
}

}  // namespace soong::detail
