#pragma once
// The optional per-connection callback that observes every statement (for logs and traces).

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string_view>

#include "soong/oid.hpp"

namespace soong {

/// One parameter as sent: its type and binary wire bytes (nullopt for NULL).
struct hook_parameter {
  oid_t oid = 0;
  std::optional<std::string_view> binary;
};

/// What the hook sees after each statement. `parameters` is empty unless the hook was
/// installed with `include_parameters = true` (values may be secrets).
struct statement_event {
  std::string_view query_name;
  std::string_view sql;
  std::chrono::nanoseconds duration{0};
  bool succeeded = false;
  std::span<const hook_parameter> parameters;
  /// Non-empty once, on the event of the call during which soong changed how this connection
  /// runs statements (e.g. switched to unnamed statements behind a pooler): log it.
  std::string_view warning;
};

/// Called synchronously on the executing thread; must not throw. When no hook is installed the
/// only cost is one branch (no clock reads).
using statement_hook = std::function<void(const statement_event&)>;

}  // namespace soong
