// The process-wide warning handler.

#include "soong/warnings.hpp"

#include <cstdio>
#include <mutex>
#include <string>
#include <utility>

namespace soong {

namespace {

struct handler_slot {
  std::mutex mutex;
  warning_handler handler;
};

handler_slot& slot() {
  static handler_slot instance;
  return instance;
}

}  // namespace

void set_warning_handler(warning_handler handler) {
  handler_slot& s = slot();
  const std::lock_guard lock(s.mutex);
  s.handler = std::move(handler);
}

void warn(std::string_view message) {
  handler_slot& s = slot();
  warning_handler handler;
  {
    const std::lock_guard lock(s.mutex);
    handler = s.handler;
  }
  if (handler) {
    try {
      handler(message);
    } catch (...) {
      // A warning must never turn into a failure of the call that raised it.
    }
    return;
  }
  const std::string line = "soong: warning: " + std::string(message) + "\n";
  std::fputs(line.c_str(), stderr);
}

}  // namespace soong
