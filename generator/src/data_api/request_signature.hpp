#pragma once
// Checks a request's SigV4 Authorization header the way an AWS endpoint does: the key must be
// known, the scope must name the service, the time must be within 15 minutes, and the signature
// recomputed over the signed headers and the body must match.

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace soong::gen::data_api {

/// Why a request is refused: the service's error name and message (HTTP 403).
struct signature_refusal {
  std::string type;
  std::string message;
};

/// What the check needs of a request. Header names are lower case.
struct signed_request_view {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;
  std::string body;
};

/// nullopt when the request is signed by a key in `secrets` (access key id -> secret key) for
/// `service`; else why not.
[[nodiscard]] std::optional<signature_refusal> check_signature(
    const signed_request_view& request, const std::map<std::string, std::string>& secrets,
    std::string_view service, std::chrono::system_clock::time_point now);

}  // namespace soong::gen::data_api
