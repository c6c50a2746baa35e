#pragma once
// How cruddur_server sets up cpp-httplib for many clients. Debian's cpp-httplib is a compiled
// library, so its compile-time defaults (Nagle on, a listen backlog of 5, 8 worker threads,
// 5 requests per keep-alive connection) cannot be changed with its macros; these calls change
// them at run time.

#include <httplib.h>

#include <cstddef>

namespace cruddur::http {

/// Worker threads when nothing else is asked for. httplib gives each keep-alive connection a
/// thread for as long as it stays open, so this is how many clients are served at once; the
/// others wait in the accept queue. Database work is bounded by the pool, not by this.
inline constexpr std::size_t default_worker_threads = 64;

/// On `server`:
/// - TCP_NODELAY on accepted sockets: httplib writes a response's header and body with separate
///   send() calls, and with Nagle's algorithm the body then waits for the client's delayed ACK
///   (40 ms on Linux), which capped one connection at ~25 requests/s;
/// - `worker_threads` threads instead of httplib's 8, so that more than 8 keep-alive clients
///   are served at once instead of queueing behind the first 8;
/// - up to 100 requests per keep-alive connection instead of 5 (a reconnect every 5 requests
///   cost the client and the server a TCP handshake each).
void apply_server_settings(httplib::Server& server,
                           std::size_t worker_threads = default_worker_threads);

/// Raises the backlog of the socket `server.bind_to_port` opened on `port` to SOMAXCONN
/// (listen() on a listening socket updates its backlog on Linux). With httplib's 5, a burst of
/// new connections overflows the accept queue and the kernel drops SYNs, which the client
/// retries only after a second. Returns false when no listening socket on `port` was found.
[[nodiscard]] bool widen_listen_backlog(int port);

}  // namespace cruddur::http
