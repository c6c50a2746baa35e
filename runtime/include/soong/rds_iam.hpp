#pragma once
// Amazon RDS IAM database authentication: the auth token used instead of a password. A token
// is a SigV4-presigned `Action=connect&DBUser=<user>` request against `<host>:<port>`, service
// `rds-db`, valid for 15 minutes; RDS checks it when the client sends it as the password.
// Reference:
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.Connecting.html

#include <chrono>
#include <string>
#include <string_view>

#include "soong/aws_sigv4.hpp"

namespace soong::rds {

/// Everything a token is made of.
struct auth_token_request {
  std::string host;  ///< the endpoint the client connects to (not an IP RDS does not know)
  int port = 5432;
  std::string user;    ///< the database role (granted `rds_iam`)
  std::string region;  ///< empty: resolve_region("")
  aws::credentials credentials;
  aws::clock_function clock;  ///< empty: std::chrono::system_clock::now
  std::chrono::seconds expires{900};
};

/// The region to sign for: `configured` if not empty, else `AWS_REGION`, else
/// `AWS_DEFAULT_REGION`; throws soong::error saying how to set one when none is.
[[nodiscard]] std::string resolve_region(std::string_view configured);

/// `host:port/?Action=connect&DBUser=...&X-Amz-...&X-Amz-Signature=...` (no scheme), the
/// password to present. Throws soong::error when host, user or a key is missing. The result is
/// a secret for 15 minutes: do not log it.
[[nodiscard]] std::string generate_auth_token(const auth_token_request& request);

}  // namespace soong::rds
