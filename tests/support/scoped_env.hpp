#pragma once
// An environment variable set (or unset) for one scope, restored afterwards: tests of
// configuration read from the environment (PGTZ, SOONG_STATEMENT_CACHE, PG* variables).

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace soong::testing {

class scoped_env {
 public:
  /// Sets `name` to `value`, or unsets it when `value` is nullopt.
  scoped_env(std::string name, std::optional<std::string> value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    if (value) {
      ::setenv(name_.c_str(), value->c_str(), 1);
    } else {
      ::unsetenv(name_.c_str());
    }
  }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;
  ~scoped_env() {
    if (old_) {
      ::setenv(name_.c_str(), old_->c_str(), 1);
    } else {
      ::unsetenv(name_.c_str());
    }
  }

 private:
  std::string name_;
  std::optional<std::string> old_;
};

}  // namespace soong::testing
