#include "event_loop.hpp"

#include <exception>
#include <iostream>
#include <optional>
#include <soong/deadline.hpp>
#include <soong/default_connection.hpp>
#include <soong/error.hpp>
#include <string>

namespace cruddur::lambda_runtime {
namespace {

/// The errorType Lambda shows (and CloudWatch logs): the most specific class we know by name.
std::string error_type(const std::exception& e) {
  if (dynamic_cast<const soong::connection_error*>(&e) != nullptr) return "soong::connection_error";
  if (dynamic_cast<const soong::sql_error*>(&e) != nullptr) return "soong::sql_error";
  if (dynamic_cast<const soong::error*>(&e) != nullptr) return "soong::error";
  if (dynamic_cast<const nlohmann::json::exception*>(&e) != nullptr) return "InvalidEventJson";
  return "std::exception";
}

/// Kept free at the end of an invocation to post its error.
constexpr std::chrono::milliseconds time_to_report{250};

}  // namespace

int serve(runtime_api& api, const handler& fn) {
  for (;;) {
    const auto event = api.next();
    if (!event) {
      std::cerr << "bootstrap: the Lambda Runtime API is not reachable; exiting\n";
      return 1;
    }
    try {
      // The handlers query through soong::default_connection(): bound its calls by the
      // invocation's deadline, less the time needed to report the failure before Lambda stops
      // the function, so a slow statement ends as a reported error instead of a timeout.
      std::optional<soong::deadline_scope> bounded;
      if (event->deadline) {
        bounded.emplace(soong::default_connection(), *event->deadline - time_to_report);
      }
      const nlohmann::json response = fn(nlohmann::json::parse(event->payload));
      if (!api.respond(event->request_id, response.dump())) {
        std::cerr << "bootstrap: the response to " << event->request_id << " was not accepted\n";
      }
    } catch (const std::exception& e) {
      // soong's messages never contain a password or an IAM token, so they may be logged.
      std::cerr << "bootstrap: " << event->request_id << " failed: " << e.what() << "\n";
      (void)api.fail(event->request_id, error_type(e), e.what());
    }
  }
}

}  // namespace cruddur::lambda_runtime
