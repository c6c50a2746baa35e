#include <string>
#include <utility>

#include "soong/data_api/session.hpp"

namespace soong::data_api {

nlohmann::json session::execute(std::string_view sql, nlohmann::json parameters,
                                std::string_view query_name, resend policy) const {
  nlohmann::json body = {{"sql", std::string(sql)}};
  if (!parameters.empty()) body["parameters"] = std::move(parameters);
  if (transaction_ != nullptr) body["transactionId"] = transaction_->id();
  return client_->call("Execute", std::move(body), query_name, policy);
}

}  // namespace soong::data_api
