#pragma once
// An answer of the emulated service that is an error: HTTP status, `x-amzn-ErrorType` name and
// message. Thrown inside the emulator, turned into the HTTP answer at its edge.

#include <stdexcept>
#include <string>

namespace soong::gen::data_api {

class service_failure : public std::runtime_error {
 public:
  service_failure(int http_status, std::string type, const std::string& message)
      : std::runtime_error(message), http_status_(http_status), type_(std::move(type)) {}
  [[nodiscard]] int http_status() const noexcept { return http_status_; }
  [[nodiscard]] const std::string& type() const noexcept { return type_; }

 private:
  int http_status_;
  std::string type_;
};

/// 400 BadRequestException, the service's answer to most invalid requests.
[[nodiscard]] inline service_failure bad_request(const std::string& message) {
  return service_failure(400, "BadRequestException", message);
}

}  // namespace soong::gen::data_api
