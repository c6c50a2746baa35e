// RDS IAM auth tokens: a presigned `connect` request for service `rds-db`.

#include "soong/rds_iam.hpp"

#include <cstdlib>
#include <string>

#include "soong/error.hpp"

namespace soong::rds {

std::string resolve_region(std::string_view configured) {
  if (!configured.empty()) return std::string(configured);
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') return value;
  }
  throw error(
      "RDS IAM authentication needs an AWS region: set AWS_REGION (Lambda sets it) or "
      "AWS_DEFAULT_REGION, or connection_config::iam.region");
}

std::string generate_auth_token(const auth_token_request& request) {
  if (request.host.empty()) throw error("RDS IAM auth token: no host given");
  if (request.user.empty()) throw error("RDS IAM auth token: no database user given");
  if (request.port <= 0 || request.port > 65535) {
    throw error("RDS IAM auth token: port " + std::to_string(request.port) + " is out of range");
  }
  if (request.credentials.access_key_id.empty() || request.credentials.secret_access_key.empty()) {
    throw error("RDS IAM auth token: AWS access key id or secret access key is empty");
  }
  const std::string endpoint = request.host + ':' + std::to_string(request.port);

  aws::presign_request presign;
  presign.host = endpoint;  // RDS signs the Host header with the port, whatever the port is
  presign.query = {{"Action", "connect"}, {"DBUser", request.user}};
  presign.region = resolve_region(request.region);
  presign.service = "rds-db";
  presign.expires = request.expires;
  presign.time = request.clock ? request.clock() : std::chrono::system_clock::now();
  return endpoint + "/?" + aws::presigned_query(presign, request.credentials);
}

}  // namespace soong::rds
