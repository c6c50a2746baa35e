#pragma once
// A client for the AWS Lambda Runtime API (version 2018-06-01), the HTTP interface a custom
// runtime's `bootstrap` polls for events and answers:
// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace cruddur::lambda_runtime {

/// One event handed out by `GET /runtime/invocation/next`.
struct invocation {
  std::string request_id;  ///< `Lambda-Runtime-Aws-Request-Id`: names the answer
  std::string payload;     ///< the event, JSON text
  /// `Lambda-Runtime-Deadline-Ms` on the monotonic clock: when Lambda stops the function.
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

/// The Runtime API at `host:port` (the value of `AWS_LAMBDA_RUNTIME_API`).
class runtime_api {
 public:
  explicit runtime_api(const std::string& host_and_port);
  ~runtime_api();
  runtime_api(const runtime_api&) = delete;
  runtime_api& operator=(const runtime_api&) = delete;

  /// Waits for the next event (Lambda freezes the process inside this call between events).
  /// nullopt when the Runtime API cannot be reached or answers with an error: the process
  /// should then exit, and Lambda starts a new one.
  [[nodiscard]] std::optional<invocation> next();
  /// Posts the handler's result (JSON text). False when the Runtime API did not accept it.
  bool respond(const std::string& request_id, const std::string& json_body);
  /// Posts a failed invocation: `{"errorMessage": message, "errorType": type}`.
  bool fail(const std::string& request_id, const std::string& error_type,
            const std::string& message);

 private:
  struct client;
  std::unique_ptr<client> client_;
};

}  // namespace cruddur::lambda_runtime
