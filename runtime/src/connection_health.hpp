#pragma once
// Private: the cheap liveness check shared by the pool and the default connection.

#include "soong/connection.hpp"
#include "soong/deadline.hpp"

namespace soong::detail {

/// Sends an empty query, the cheapest round trip that proves the session is alive. A socket
/// closed by the server, a failover, or while a Lambda container was frozen, fails it; libpq
/// only notices such a close when it next reads or writes.
[[nodiscard]] bool responds(connection& conn) noexcept;

/// responds(), bounded by `deadline` as any call under a deadline_scope is (soong/deadline.hpp):
/// false when the deadline has passed before the answer, so a stalled network path cannot hold
/// the caller past it.
[[nodiscard]] bool responds_by(connection& conn, deadline_clock::time_point deadline) noexcept;

}  // namespace soong::detail
