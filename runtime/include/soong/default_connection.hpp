#pragma once
// The lazily created process-wide connection, for Lambda-style code: one connection per
// process (container), made on first use and reused by warm invocations.

#include <chrono>

#include "soong/connection.hpp"
#include "soong/connection_factory.hpp"

namespace soong {

struct connection_config;

/// How the default connection is checked before it is handed out.
struct default_connection_options {
  /// When the connection was last handed out longer ago than this, default_connection() first
  /// checks it with an empty query and reconnects when that fails. A Lambda container can be
  /// frozen for minutes and its socket closed meanwhile; libpq only notices on the next read.
  /// 0: check on every call.
  std::chrono::milliseconds idle_check_after{1000};
  /// Switches of the connection (e.g. the statement cache mode).
  connection_options connection{};
};

/// Makes the default connection from `config` (e.g. connection_config::parse(url), or
/// from_environment() with RDS IAM). Takes effect at the next default_connection() call: an
/// existing connection is replaced then (references to it stay valid and see the new one).
void set_default_connection_config(const connection_config& config,
                                   default_connection_options options = {});
/// As set_default_connection_config, with a factory called for every (re)connect.
void set_default_connection_factory(connection_factory factory,
                                    default_connection_options options = {});

/// The process-wide connection. Made on first use with the configuration set above, or else
/// with connection_config::from_environment() (DATABASE_URL, CONNECTION_URL, PG_*, libpq PG*).
/// Before it is returned it is made again when it is broken (PQstatus bad, e.g. after a
/// statement saw connection_error) or when it was idle longer than idle_check_after and an
/// empty query fails. It is never re-made during a statement: a statement whose connection
/// breaks throws connection_error (writes are never retried), and the NEXT call reconnects.
/// Throws connection_error when it cannot connect (the next call tries again).
///
/// Thread-safety: making and checking the connection is serialised, but the returned
/// connection is one libpq connection: use it from one thread at a time (a Lambda handler is
/// single-threaded). Share connections between threads with soong::pool instead.
[[nodiscard]] connection& default_connection();

/// Closes the default connection and forgets the configuration (back to the environment).
/// References returned earlier become dangling: for tests and orderly shutdown only.
void reset_default_connection() noexcept;

}  // namespace soong
