#include "data_api/request_signature.hpp"

#include <openssl/crypto.h>

#include <cstdio>
#include <ctime>
#include <sstream>
#include <vector>

#include "soong/aws_sigv4.hpp"

namespace soong::gen::data_api {

namespace {

constexpr std::string_view prefix = "AWS4-HMAC-SHA256 ";

/// The value of `name=` in the Authorization header's comma-separated list.
std::optional<std::string> component(std::string_view header, std::string_view name) {
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find(',', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view part = header.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.substr(0, name.size()) == name && part.size() > name.size() &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    start = end + 1;
  }
  return std::nullopt;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, separator);) parts.push_back(part);
  return parts;
}

std::optional<std::chrono::system_clock::time_point> parse_amz_date(const std::string& text) {
  std::tm utc{};
  if (text.size() != 16 || std::sscanf(text.c_str(), "%4d%2d%2dT%2d%2d%2dZ", &utc.tm_year,
                                       &utc.tm_mon, &utc.tm_mday, &utc.tm_hour, &utc.tm_min,
                                       &utc.tm_sec) != 6) {
    return std::nullopt;
  }
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(timegm(&utc));
}

}  // namespace

std::optional<signature_refusal> check_signature(const signed_request_view& request,
                                                 const std::map<std::string, std::string>& secrets,
                                                 std::string_view service,
                                                 std::chrono::system_clock::time_point now) {
  const auto authorization = request.headers.find("authorization");
  if (authorization == request.headers.end()) {
    return signature_refusal{"MissingAuthenticationTokenException", "Missing Authentication Token"};
  }
  std::string_view header = authorization->second;
  if (header.substr(0, prefix.size()) != prefix) {
    return signature_refusal{"IncompleteSignatureException",
                             "Unsupported signing algorithm; use AWS4-HMAC-SHA256"};
  }
  header.remove_prefix(prefix.size());
  const auto credential = component(header, "Credential");
  const auto signed_headers = component(header, "SignedHeaders");
  const auto given_signature = component(header, "Signature");
  if (!credential || !signed_headers || !given_signature) {
    return signature_refusal{"IncompleteSignatureException",
                             "Authorization header requires Credential, SignedHeaders and "
                             "Signature"};
  }
  const std::vector<std::string> scope_parts = split(*credential, '/');
  if (scope_parts.size() != 5 || scope_parts[4] != "aws4_request") {
    return signature_refusal{"IncompleteSignatureException", "Credential is malformed"};
  }
  const auto secret = secrets.find(scope_parts[0]);
  if (secret == secrets.end()) {
    return signature_refusal{"UnrecognizedClientException",
                             "The security token included in the request is invalid."};
  }
  if (scope_parts[3] != service) {
    return signature_refusal{"InvalidSignatureException",
                             "Credential should be scoped to correct service: '" +
                                 std::string(service) + "'."};
  }
  const auto date_header = request.headers.find("x-amz-date");
  const auto signed_at =
      date_header == request.headers.end() ? std::nullopt : parse_amz_date(date_header->second);
  if (!signed_at || date_header->second.substr(0, 8) != scope_parts[1]) {
    return signature_refusal{"IncompleteSignatureException",
                             "X-Amz-Date is missing or does not match the credential scope"};
  }
  if (*signed_at > now + std::chrono::minutes(15) || *signed_at < now - std::chrono::minutes(15)) {
    return signature_refusal{"InvalidSignatureException",
                             "Signature expired: " + date_header->second +
                                 " is not within 15 minutes of the server's time"};
  }

  aws::http_request canonical;
  canonical.method = request.method;
  canonical.path = request.path;
  for (const std::string& name : split(*signed_headers, ';')) {
    const auto found = request.headers.find(name);
    if (found == request.headers.end()) {
      return signature_refusal{"IncompleteSignatureException",
                               "a signed header is missing: " + name};
    }
    canonical.headers.emplace_back(name, found->second);
  }
  canonical.payload_sha256 = aws::sha256_hex(request.body);
  const aws::credential_scope scope{scope_parts[1], scope_parts[2], scope_parts[3]};
  const std::string expected = aws::signature(
      aws::signing_key(secret->second, scope),
      aws::string_to_sign(date_header->second, scope, aws::canonical_request(canonical)));
  if (expected.size() != given_signature->size() ||
      CRYPTO_memcmp(expected.data(), given_signature->data(), expected.size()) != 0) {
    return signature_refusal{"InvalidSignatureException",
                             "The request signature we calculated does not match the signature "
                             "you provided. Check your AWS Secret Access Key and signing method."};
  }
  return std::nullopt;
}

}  // namespace soong::gen::data_api
