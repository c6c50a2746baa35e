#pragma once
// A stand-in for AWS Lambda's Runtime API on loopback (cpp-httplib server): hands out queued
// events on `GET /2018-06-01/runtime/invocation/next` and records what a bootstrap posts to
// `.../<request-id>/response` and `.../<request-id>/error`. Only the parts a bootstrap uses.

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace soong::test {

/// What the bootstrap posted for one request id.
struct posted_answer {
  std::string kind;        ///< "response" or "error"
  std::string body;        ///< the posted JSON text
  std::string error_type;  ///< `Lambda-Runtime-Function-Error-Type` header (errors only)
  /// From handing the event out to receiving this answer: what the function's deadline
  /// (`time_left` after the hand-out) bounds.
  std::chrono::steady_clock::duration since_handout{};
};

class fake_runtime_api {
 public:
  fake_runtime_api();
  ~fake_runtime_api();
  fake_runtime_api(const fake_runtime_api&) = delete;
  fake_runtime_api& operator=(const fake_runtime_api&) = delete;

  /// `127.0.0.1:<port>`, the value for AWS_LAMBDA_RUNTIME_API.
  [[nodiscard]] std::string address() const;

  /// Queues an event for the next `GET .../next`, with the function's deadline
  /// (`Lambda-Runtime-Deadline-Ms`) `time_left` after it is handed out.
  void invoke(const std::string& request_id, const std::string& payload,
              std::chrono::milliseconds time_left = std::chrono::hours(1));
  /// Waits for the answer to `request_id`; nullopt after `timeout`.
  [[nodiscard]] std::optional<posted_answer> wait_for_answer(const std::string& request_id,
                                                             std::chrono::milliseconds timeout);
  /// From now on `GET .../next` answers 500 instead of waiting: the bootstrap should exit.
  void stop_handing_out_events();

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  struct queued_event {
    std::string request_id;
    std::string payload;
    std::chrono::milliseconds time_left;
  };
  std::deque<queued_event> events_;
  std::map<std::string, std::chrono::steady_clock::time_point> handed_out_;
  std::map<std::string, posted_answer> answers_;
  bool closed_ = false;
};

}  // namespace soong::test
