#pragma once
// The transport-neutral answer of a Cruddur handler: the HTTP server and the Lambda-style
// wrappers both turn it into their own response shape.

#include <string>
#include <string_view>
#include <vector>

namespace cruddur::api {

/// HTTP status and JSON body of one handler call.
struct handler_result {
  int status = 200;
  std::string body;
};

/// `{"errors":["a","b"]}` with `status` (422 for validation errors, like the Python service).
[[nodiscard]] handler_result errors_result(int status, const std::vector<std::string>& errors);

/// A 200 answer whose body is JSON text (typically built by PostgreSQL).
[[nodiscard]] handler_result json_result(std::string body, int status = 200);

}  // namespace cruddur::api
