// soong::connection built from a connection_config: a fresh conninfo (and RDS IAM token) for
// the first connect and for every reconnect().

#include "connection_state.hpp"
#include "soong/connection.hpp"
#include "soong/connection_config.hpp"

namespace soong {

connection::connection(const connection_config& config, connection_options options)
    : connection(config.conninfo_for_connect(), options) {
  // The token inside the conninfo is scrubbed from errors by the string constructor, which
  // removes whatever password the conninfo carries.
  state_->fresh_conninfo = [config] { return config.conninfo_for_connect(); };
}

}  // namespace soong
