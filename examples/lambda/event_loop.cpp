#include "event_loop.hpp"

#include <exception>
#include <iostream>
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

}  // namespace

int serve(runtime_api& api, const handler& fn) {
  for (;;) {
    const auto event = api.next();
    if (!event) {
      std::cerr << "bootstrap: the Lambda Runtime API is not reachable; exiting\n";
      return 1;
    }
    try {
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
