#pragma once
// Where an HTTP request's handler gets its connection: one pool, or a soong::cluster that sends
// reads to a hot standby and writes to the primary. With a cluster, a write answers with the
// commit's consistency token in a response header; a client that sends it back on its next read
// sees its own write even on a standby that is behind (soong waits for one that has replayed
// it, or reads from the primary).

#include <httplib.h>

#include <functional>
#include <soong/cluster.hpp>
#include <soong/pool.hpp>

#include "cruddur/handler_result.hpp"

namespace cruddur::http {

/// The header carrying a consistency token: set on a write's response, read on a read's request.
inline constexpr const char* consistency_token_header = "X-Consistency-Token";

/// Whether a route only reads (a standby may answer it) or writes (the primary, in one
/// transaction).
enum class request_kind { read, write };

/// One route's work on a lent connection.
using connection_handler = std::function<api::handler_result(soong::connection&)>;

/// Lends a connection for one request and returns what the handler returned.
using connection_lender = std::function<api::handler_result(
    const httplib::Request&, httplib::Response&, request_kind, const connection_handler&)>;

/// Every request on a connection borrowed from `pool` (which must outlive the lender).
[[nodiscard]] connection_lender lend_from(soong::pool& pool);

/// Reads on a standby (at least at the request's consistency token when it has one; a token
/// that does not parse answers 400 `consistency_token_invalid`), writes in one transaction on
/// the primary, answering with the commit's token. `cluster` must outlive the lender.
[[nodiscard]] connection_lender lend_from(soong::cluster& cluster);

}  // namespace cruddur::http
