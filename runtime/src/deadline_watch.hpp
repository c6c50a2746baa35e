#pragma once
// Private: one thread for the whole process that runs short actions at points in time (the
// deadlines of running calls). One thread, not one per call: deadlines are armed on every call
// of a connection that has one, and almost never fire.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>

#include "soong/deadline.hpp"

namespace soong::detail {

class deadline_watch {
 public:
  using entry_id = std::uint64_t;

  /// The process's watch; its thread starts on first use and lives until the process ends.
  [[nodiscard]] static deadline_watch& instance();

  /// Runs `action` on the watch's thread at `when` (at once when it has passed), unless
  /// disarmed first. Actions must be short; they may arm further entries.
  [[nodiscard]] entry_id arm(deadline_clock::time_point when, std::function<void()> action);

  /// Removes an entry. When its action is running right now, waits until it has returned, so
  /// after disarm() the action is either finished or will never run.
  void disarm(entry_id id);

 private:
  deadline_watch() = default;
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::condition_variable action_done_;
  std::multimap<deadline_clock::time_point, std::pair<entry_id, std::function<void()>>> due_;
  std::unordered_map<entry_id, decltype(due_)::iterator> by_id_;
  entry_id next_id_ = 1;
  entry_id running_ = 0;
};

}  // namespace soong::detail
