#pragma once
// Private: the cheap liveness check shared by the pool and the default connection.

#include "soong/connection.hpp"

namespace soong::detail {

/// Sends an empty query, the cheapest round trip that proves the session is alive. A socket
/// closed by the server, a failover, or while a Lambda container was frozen, fails it; libpq
/// only notices such a close when it next reads or writes.
[[nodiscard]] bool responds(connection& conn) noexcept;

}  // namespace soong::detail
