// The deadline watch's thread: sleeps until the earliest entry is due, runs it without holding
// the lock (so an action may arm another entry), and tells disarm() when it is done.

#include "deadline_watch.hpp"

#include <thread>

namespace soong::detail {

deadline_watch& deadline_watch::instance() {
  // Never destroyed: a call may still disarm during static destruction, and the thread must not
  // be joined from an exit handler.
  static deadline_watch* const watch = [] {
    auto* created = new deadline_watch();
    std::thread([created] { created->run(); }).detach();
    return created;
  }();
  return *watch;
}

deadline_watch::entry_id deadline_watch::arm(deadline_clock::time_point when,
                                             std::function<void()> action) {
  const std::lock_guard lock(mutex_);
  const entry_id id = next_id_++;
  by_id_.emplace(id, due_.emplace(when, std::make_pair(id, std::move(action))));
  changed_.notify_one();
  return id;
}

void deadline_watch::disarm(entry_id id) {
  std::unique_lock lock(mutex_);
  if (const auto found = by_id_.find(id); found != by_id_.end()) {
    due_.erase(found->second);
    by_id_.erase(found);
    return;
  }
  action_done_.wait(lock, [&] { return running_ != id; });
}

void deadline_watch::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (due_.empty()) {
      changed_.wait(lock);
      continue;
    }
    const auto first = due_.begin();
    // A copy: the entry may be disarmed (erased) while the lock is released in the wait.
    const deadline_clock::time_point when = first->first;
    if (deadline_clock::now() < when) {
      changed_.wait_until(lock, when);
      continue;
    }
    std::function<void()> action = std::move(first->second.second);
    running_ = first->second.first;
    by_id_.erase(running_);
    due_.erase(first);
    lock.unlock();
    action();
    lock.lock();
    running_ = 0;
    action_done_.notify_all();
  }
}

}  // namespace soong::detail
