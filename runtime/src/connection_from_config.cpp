// soong::connection built from a connection_config: a fresh conninfo (and RDS IAM token) for
// the first connect and for every reconnect().

#include "connection_state.hpp"
#include "soong/connection.hpp"
#include "soong/connection_config.hpp"

namespace soong {

namespace {

/// The code's options, with the config's statement cache mode (from its URL) where the code set
/// none.
connection_options with_config_defaults(connection_options options,
                                        const connection_config& config) {
  if (!options.statement_cache) options.statement_cache = config.statement_cache;
  return options;
}

}  // namespace

connection::connection(const connection_config& config, connection_options options)
    : connection(config.conninfo_for_connect(), with_config_defaults(options, config)) {
  // The token inside the conninfo is scrubbed from errors by the string constructor, which
  // removes whatever password the conninfo carries.
  state_->fresh_conninfo = [config] { return config.conninfo_for_connect(); };
}

}  // namespace soong
