#pragma once
// Where AWS credentials come from when soong signs a request itself (the RDS Data API, RDS IAM
// auth tokens): the environment keys Lambda sets, else the container credentials endpoint ECS
// (and EKS Pod Identity) provides, cached and refreshed before they expire.
// Part of the soong::aws library (it speaks HTTP); the core runtime only sees a
// aws::credentials_source, so `iam.credentials = soong::aws::credential_chain{}` gives RDS IAM
// authentication on ECS too.
// Reference: AWS SDKs and Tools Reference Guide, "Container credential provider".

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "soong/aws_sigv4.hpp"

namespace soong::aws {

/// The container credentials endpoint named by the environment.
struct container_endpoint {
  std::string url;            ///< e.g. http://169.254.170.2/v2/credentials/<id>
  std::string authorization;  ///< the Authorization header to send; empty for none. Secret.
};

/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (appended to http://169.254.170.2), else
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with the token of `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`
/// (read at each call, it rotates) or `AWS_CONTAINER_AUTHORIZATION_TOKEN`. nullopt when neither
/// URI is set. A full URI must be https, or http to a loopback or the container link-local
/// addresses (as AWS's SDKs require, so credentials never cross a network in clear); anything
/// else, or an unreadable token file, throws soong::error naming the variable.
[[nodiscard]] std::optional<container_endpoint> container_endpoint_from_environment();

/// Credentials with the time they stop working (none for long-term keys).
struct expiring_credentials {
  credentials keys;
  std::optional<std::chrono::system_clock::time_point> expiration;
};

/// One GET of the endpoint: its JSON `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`.
/// Throws soong::error naming the URL (never the token or a key) on a transport failure, a non-200
/// answer (with the endpoint's message), or a body without the keys.
[[nodiscard]] expiring_credentials fetch_container_credentials(const container_endpoint& endpoint,
                                                               std::chrono::milliseconds timeout);

/// The provider chain, usable wherever an aws::credentials_source is wanted. Each call: the
/// environment's keys when `AWS_ACCESS_KEY_ID` is set (Lambda; never cached, the variables are
/// the truth); else the container endpoint's, cached and fetched again `refresh_before` their
/// expiration; if that fetch fails while the cached ones still work, the cached ones are used.
/// Copies share one cache; calls from several threads are safe (one fetch at a time).
class credential_chain {
 public:
  struct options {
    clock_function clock;  ///< empty: std::chrono::system_clock::now
    std::chrono::seconds refresh_before{300};
    std::chrono::milliseconds timeout{2000};  ///< per endpoint request
  };

  credential_chain();
  explicit credential_chain(options options);

  /// Throws soong::error saying where it looked when no source has credentials.
  [[nodiscard]] credentials operator()() const;

 private:
  struct state;
  std::shared_ptr<state> state_;
};

}  // namespace soong::aws
