#include "runtime_api.hpp"

#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>

namespace cruddur::lambda_runtime {
namespace {

constexpr const char* api_prefix = "/2018-06-01/runtime/invocation/";

bool accepted(const httplib::Result& result) {
  return result && result->status >= 200 && result->status < 300;
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
