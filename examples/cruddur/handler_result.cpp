#include "cruddur/handler_result.hpp"

#include <nlohmann/json.hpp>
#include <utility>

namespace cruddur::api {

handler_result errors_result(int status, const std::vector<std::string>& errors) {
  return {status, nlohmann::json{{"errors", errors}}.dump()};
}

handler_result json_result(std::string body, int status) { return {status, std::move(body)}; }

}  // namespace cruddur::api
