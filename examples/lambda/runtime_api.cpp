#include "runtime_api.hpp"

#include <httplib.h>

#include <charconv>
#include <chrono>
#include <nlohmann/json.hpp>

namespace cruddur::lambda_runtime {
namespace {

constexpr const char* api_prefix = "/2018-06-01/runtime/invocation/";

bool accepted(const httplib::Result& result) {
  return result && result->status >= 200 && result->status < 300;
}

/// The deadline header (milliseconds since the Unix epoch) on the monotonic clock, which
/// soong's deadlines use; nullopt when it is missing or not a number.
std::optional<std::chrono::steady_clock::time_point> deadline_from_header(const std::string& text) {
  long long epoch_ms = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), epoch_ms);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  const auto left = std::chrono::milliseconds(epoch_ms) -
                    std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch());
  return std::chrono::steady_clock::now() + left;
}

}  // namespace

struct runtime_api::client {
  httplib::Client http;
  explicit client(const std::string& host_and_port) : http("http://" + host_and_port) {}
};

runtime_api::runtime_api(const std::string& host_and_port)
    : client_(std::make_unique<client>(host_and_port)) {
  // `next` blocks until an event arrives, which may be hours on a quiet function: no read
  // timeout (0 would mean "time out at once" in cpp-httplib 0.11, hence a day).
  client_->http.set_read_timeout(std::chrono::hours(24));
  client_->http.set_keep_alive(true);
}

runtime_api::~runtime_api() = default;

std::optional<invocation> runtime_api::next() {
  const httplib::Result result = client_->http.Get(std::string(api_prefix) + "next");
  if (!accepted(result)) return std::nullopt;
  invocation event;
  event.request_id = result->get_header_value("Lambda-Runtime-Aws-Request-Id");
  if (event.request_id.empty()) return std::nullopt;
  event.payload = result->body;
  event.deadline = deadline_from_header(result->get_header_value("Lambda-Runtime-Deadline-Ms"));
  return event;
}

bool runtime_api::respond(const std::string& request_id, const std::string& json_body) {
  return accepted(client_->http.Post(std::string(api_prefix) + request_id + "/response", json_body,
                                     "application/json"));
}

bool runtime_api::fail(const std::string& request_id, const std::string& error_type,
                       const std::string& message) {
  const nlohmann::json body = {{"errorMessage", message}, {"errorType", error_type}};
  const httplib::Headers headers = {{"Lambda-Runtime-Function-Error-Type", error_type}};
  return accepted(client_->http.Post(std::string(api_prefix) + request_id + "/error", headers,
                                     body.dump(), "application/json"));
}

}  // namespace cruddur::lambda_runtime
