#pragma once
// How the pool and the default connection make physical connections.

#include <functional>

#include "soong/connection.hpp"

namespace soong {

/// Makes one physical connection. Called for every new connection (and for every reconnect of
/// the default connection), so a factory can fetch fresh credentials each time, e.g. an RDS IAM
/// token, valid for 15 minutes. Throws connection_error (or soong::error) on failure.
using connection_factory = std::function<connection()>;

}  // namespace soong
