#pragma once
// Where soong's own warnings go: conditions that do not fail a call but that the application's
// operators should fix in its configuration (e.g. a connection pooler detected while the
// statement cache mode was left to `automatic`).

#include <functional>
#include <string_view>

namespace soong {

/// Receives one warning, without a trailing newline. Called on the thread that hit the
/// condition; must not throw.
using warning_handler = std::function<void(std::string_view message)>;

/// Installs the process-wide handler; an empty function restores the default, which writes
/// `soong: warning: <message>` to stderr. Thread-safe.
void set_warning_handler(warning_handler handler);

/// Passes `message` to the current handler.
void warn(std::string_view message);

}  // namespace soong
