// The process-wide lazily created connection and its check-before-use.

#include "soong/default_connection.hpp"

#include <chrono>
#include <mutex>
#include <optional>
#include <utility>

#include "connection_health.hpp"
#include "soong/connection_config.hpp"

namespace soong {

namespace {

using clock = std::chrono::steady_clock;

struct default_slot {
  std::mutex mutex;
  connection_factory factory;  // empty: the environment
  default_connection_options options;
  // The connection object lives here for the whole process; replacing it move-assigns into it,
  // so references handed out earlier keep working with the new connection.
  std::optional<connection> conn;
  bool replace_on_next_use = false;  // a new configuration was set
  clock::time_point handed_out{};
};

default_slot& slot() {
  static default_slot instance;  // never destroyed before main() returns
  return instance;
}

connection make(const default_slot& s) {
  if (s.factory) return s.factory();
  return connection(connection_config::from_environment(), s.options.connection);
}

}  // namespace

void set_default_connection_config(const connection_config& config,
                                   default_connection_options options) {
  const connection_options switches = options.connection;
  set_default_connection_factory([config, switches] { return connection(config, switches); },
                                 options);
}

void set_default_connection_factory(connection_factory factory,
                                    default_connection_options options) {
  default_slot& s = slot();
  const std::lock_guard lock(s.mutex);
  s.factory = std::move(factory);
  s.options = options;
  s.replace_on_next_use = s.conn.has_value();
}

connection& default_connection() {
  default_slot& s = slot();
  const std::lock_guard lock(s.mutex);
  const auto now = clock::now();
  if (!s.conn) {
    s.conn.emplace(make(s));
  } else {
    const bool idle_too_long = now - s.handed_out >= s.options.idle_check_after;
    // is_open() is false once libpq saw the socket close (e.g. a statement that threw
    // connection_error); the empty query finds closes libpq has not seen yet.
    if (s.replace_on_next_use || !s.conn->is_open() ||
        (idle_too_long && !detail::responds(*s.conn))) {
      *s.conn = make(s);  // on failure the broken connection stays, and the next call retries
      s.replace_on_next_use = false;
    }
  }
  s.handed_out = clock::now();
  return *s.conn;
}

void reset_default_connection() noexcept {
  default_slot& s = slot();
  const std::lock_guard lock(s.mutex);
  s.conn.reset();
  s.factory = nullptr;
  s.options = {};
  s.replace_on_next_use = false;
}

}  // namespace soong
