#pragma once
// How cruddur_server sets up cpp-httplib for many clients. Debian's cpp-httplib is a compiled
// library, so its compile-time defaults (Nagle on, a listen backlog of 5, 8 worker threads,
// 5 requests per keep-alive connection) cannot be changed with its macros; these calls change
// them at run time.

#include <httplib.h>

namespace cruddur::http {

/// TCP_NODELAY on accepted sockets: httplib writes a response's header and body with separate
/// send() calls, and with Nagle's algorithm the body then waits for the client's delayed ACK
/// (40 ms on Linux) whenever the header is short of a full segment.
void apply_server_settings(httplib::Server& server);

/// Raises the backlog of the socket `server.bind_to_port` opened on `port` to SOMAXCONN
/// (listen() on a listening socket updates its backlog on Linux). With httplib's 5, a burst of
/// new connections overflows the accept queue and the kernel drops SYNs, which the client
/// retries only after a second. Returns false when no listening socket on `port` was found.
[[nodiscard]] bool widen_listen_backlog(int port);

}  // namespace cruddur::http
