// AWS Signature Version 4 signing steps over OpenSSL's SHA-256 and HMAC-SHA256.

#include "soong/aws_sigv4.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <string>

#include "soong/error.hpp"

namespace soong::aws {

namespace {

constexpr std::string_view algorithm = "AWS4-HMAC-SHA256";

std::string required_environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw error(std::string("AWS credentials: environment variable ") + name + " is not set");
  }
  return value;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

/// Header values are trimmed and inner runs of spaces collapsed to one (SigV4 canonical form).
std::string trimmed_value(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (const char c : value) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

name_values canonical_headers(const name_values& headers) {
  name_values out;
  out.reserve(headers.size());
  for (const auto& [name, value] : headers) out.emplace_back(lower(name), trimmed_value(value));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

credentials credentials_from_environment() {
  credentials result;
  result.access_key_id = required_environment("AWS_ACCESS_KEY_ID");
  result.secret_access_key = required_environment("AWS_SECRET_ACCESS_KEY");
  if (const char* token = std::getenv("AWS_SESSION_TOKEN"); token != nullptr) {
    result.session_token = token;
  }
  return result;
}

std::string hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += digits[byte >> 4];
    out += digits[byte & 0x0f];
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw error("SHA-256 failed (OpenSSL EVP_Digest)");
  }
  return hex(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac,
           &length) == nullptr) {
    throw error("HMAC-SHA256 failed (OpenSSL HMAC)");
  }
  return std::string(reinterpret_cast<const char*>(mac), length);
}

std::string uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                            byte == '_' || byte == '~';
    if (unreserved || (keep_slash && byte == '/')) {
      out += c;
    } else {
      out += '%';
      out += digits[byte >> 4];
      out += digits[byte & 0x0f];
    }
  }
  return out;
}

std::string amz_date(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[sizeof "20150830T123600Z"];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

std::string canonical_query_string(const name_values& query) {
  // Sorting happens on the encoded names (and values for equal names), per SigV4.
  name_values encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) encoded.emplace_back(uri_encode(name), uri_encode(value));
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::string signed_headers(const name_values& headers) {
  std::string out;
  for (const auto& [name, value] : canonical_headers(headers)) {
    if (!out.empty()) out += ';';
    out += name;
  }
  return out;
}

std::string canonical_request(const http_request& request) {
  std::string out = request.method + '\n';
  out += uri_encode(request.path, /*keep_slash=*/true) + '\n';
  out += canonical_query_string(request.query) + '\n';
  for (const auto& [name, value] : canonical_headers(request.headers)) {
    out += name + ':' + value + '\n';
  }
  out += '\n';
  out += signed_headers(request.headers) + '\n';
  out += request.payload_sha256;
  return out;
}

std::string credential_scope::to_string() const {
  return date + '/' + region + '/' + service + "/aws4_request";
}

std::string string_to_sign(std::string_view amz_date, const credential_scope& scope,
                           std::string_view canonical_request) {
  std::string out(algorithm);
  out += '\n';
  out += amz_date;
  out += '\n';
  out += scope.to_string();
  out += '\n';
  out += sha256_hex(canonical_request);
  return out;
}

std::string signing_key(std::string_view secret_access_key, const credential_scope& scope) {
  const std::string date_key = hmac_sha256("AWS4" + std::string(secret_access_key), scope.date);
  const std::string region_key = hmac_sha256(date_key, scope.region);
  const std::string service_key = hmac_sha256(region_key, scope.service);
  return hmac_sha256(service_key, "aws4_request");
}

std::string signature(std::string_view signing_key, std::string_view string_to_sign) {
  return hex(hmac_sha256(signing_key, string_to_sign));
}

std::string presigned_query(const presign_request& request, const credentials& credentials) {
  const std::string date_time = amz_date(request.time);
  const credential_scope scope{date_time.substr(0, 8), request.region, request.service};

  http_request signed_request;
  signed_request.path = request.path;
  signed_request.headers = {{"host", request.host}};
  signed_request.query = request.query;
  signed_request.query.emplace_back("X-Amz-Algorithm", std::string(algorithm));
  signed_request.query.emplace_back("X-Amz-Credential",
                                    credentials.access_key_id + '/' + scope.to_string());
  signed_request.query.emplace_back("X-Amz-Date", date_time);
  signed_request.query.emplace_back("X-Amz-Expires", std::to_string(request.expires.count()));
  signed_request.query.emplace_back("X-Amz-SignedHeaders", "host");
  // The session token is signed like any other parameter (AWS services reject it otherwise).
  if (!credentials.session_token.empty()) {
    signed_request.query.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }

  const std::string to_sign = string_to_sign(date_time, scope, canonical_request(signed_request));
  return canonical_query_string(signed_request.query) + "&X-Amz-Signature=" +
         signature(signing_key(credentials.secret_access_key, scope), to_sign);
}

header_signature sign_headers(const http_request& request, std::string_view region,
                              std::string_view service, std::chrono::system_clock::time_point time,
                              const credentials& credentials) {
  const std::string date_time = amz_date(time);
  const credential_scope scope{date_time.substr(0, 8), std::string(region), std::string(service)};

  header_signature result;
  result.headers_to_add.emplace_back("x-amz-date", date_time);
  if (!credentials.session_token.empty()) {
    result.headers_to_add.emplace_back("x-amz-security-token", credentials.session_token);
  }
  http_request signed_request = request;
  signed_request.headers.insert(signed_request.headers.end(), result.headers_to_add.begin(),
                                result.headers_to_add.end());

  const std::string to_sign = string_to_sign(date_time, scope, canonical_request(signed_request));
  result.authorization =
      std::string(algorithm) + " Credential=" + credentials.access_key_id + '/' +
      scope.to_string() + ", SignedHeaders=" + signed_headers(signed_request.headers) +
      ", Signature=" + signature(signing_key(credentials.secret_access_key, scope), to_sign);
  return result;
}

}  // namespace soong::aws
