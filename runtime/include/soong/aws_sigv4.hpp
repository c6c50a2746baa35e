#pragma once
// AWS Signature Version 4, the parts soong needs to presign a request (RDS IAM auth tokens) and
// to sign one in its Authorization header (the RDS Data API).
// Each signing step is its own function so tests can check it against AWS's published values:
// canonical request -> string to sign -> signing key -> signature. The cryptography (SHA-256,
// HMAC-SHA256) is OpenSSL's; nothing here is hand-written crypto.
// Reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace soong::aws {

/// An AWS access key pair, with the session token of temporary credentials (empty if none).
/// Secrets: never print them.
struct credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
};

/// Where the signing time comes from (injectable for tests).
using clock_function = std::function<std::chrono::system_clock::time_point()>;
/// Where credentials come from, asked once per signature (injectable for tests; a real source
/// may refresh rotating Lambda credentials).
using credentials_source = std::function<credentials()>;

/// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and (optional) `AWS_SESSION_TOKEN`.
/// Throws soong::error naming the missing variable (never a value) when a key is unset.
[[nodiscard]] credentials credentials_from_environment();

/// Lower-case hex of `bytes`.
[[nodiscard]] std::string hex(std::string_view bytes);
/// Lower-case hex SHA-256 of `data`.
[[nodiscard]] std::string sha256_hex(std::string_view data);
/// Raw (32-byte) HMAC-SHA256 of `data` under `key`.
[[nodiscard]] std::string hmac_sha256(std::string_view key, std::string_view data);

/// Percent-encodes everything but the unreserved characters `A-Z a-z 0-9 - . _ ~`, with
/// upper-case hex, as SigV4 requires (`/` is kept only when `keep_slash`, for paths).
[[nodiscard]] std::string uri_encode(std::string_view text, bool keep_slash = false);

/// `YYYYMMDD'T'HHMMSS'Z'` in UTC, the X-Amz-Date format.
[[nodiscard]] std::string amz_date(std::chrono::system_clock::time_point time);

/// Name/value pairs, unencoded.
using name_values = std::vector<std::pair<std::string, std::string>>;

/// The parts of an HTTP request that SigV4 signs.
struct http_request {
  std::string method = "GET";
  std::string path = "/";  ///< unencoded absolute path
  name_values query;       ///< unencoded; any order
  name_values headers;     ///< any case and order; `host` must be among them
  /// Hex SHA-256 of the body; the default is that of an empty body.
  std::string payload_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
};

/// The query parameters URI-encoded, sorted by encoded name then value, joined with `&`.
[[nodiscard]] std::string canonical_query_string(const name_values& query);
/// `method \n path \n query \n headers \n signed-headers \n payload-hash` (SigV4 step 1).
[[nodiscard]] std::string canonical_request(const http_request& request);
/// The lower-case header names, sorted, joined with `;`.
[[nodiscard]] std::string signed_headers(const name_values& headers);

/// `date/region/service/aws4_request`, the credential scope.
struct credential_scope {
  std::string date;  ///< YYYYMMDD
  std::string region;
  std::string service;
  [[nodiscard]] std::string to_string() const;
};

/// `AWS4-HMAC-SHA256 \n amz-date \n scope \n hex(sha256(canonical request))` (SigV4 step 2).
[[nodiscard]] std::string string_to_sign(std::string_view amz_date, const credential_scope& scope,
                                         std::string_view canonical_request);
/// The raw signing key: HMAC chain `AWS4<secret>` -> date -> region -> service -> aws4_request.
[[nodiscard]] std::string signing_key(std::string_view secret_access_key,
                                      const credential_scope& scope);
/// Lower-case hex HMAC-SHA256 of the string to sign under the signing key (SigV4 step 4).
[[nodiscard]] std::string signature(std::string_view signing_key, std::string_view string_to_sign);

/// What to presign: a GET of `https://host/path?query` valid for `expires`.
struct presign_request {
  std::string host;  ///< as sent in the Host header, with `:port` when not the default
  std::string path = "/";
  name_values query;  ///< the request's own parameters (e.g. Action, DBUser)
  std::string region;
  std::string service;
  std::chrono::seconds expires{900};
  std::chrono::system_clock::time_point time;
};

/// The signed query string of a presigned request (SigV4 with the signature in the query):
/// the request's parameters plus `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
/// `X-Amz-Expires`, `X-Amz-SignedHeaders=host` and, for temporary credentials,
/// `X-Amz-Security-Token`, all signed and sorted, then `&X-Amz-Signature=<hex>`.
[[nodiscard]] std::string presigned_query(const presign_request& request,
                                          const credentials& credentials);

/// What signing a request in its headers produces: the headers to send in addition to the
/// request's own (`x-amz-date`, and `x-amz-security-token` for temporary credentials; both are
/// among the signed headers) and the `Authorization` header's value.
struct header_signature {
  name_values headers_to_add;
  std::string authorization;
};

/// SigV4 in the Authorization header: `request.headers` holds `host` and every other header to
/// sign (e.g. `content-type`), `request.payload_sha256` the hex SHA-256 of the body.
[[nodiscard]] header_signature sign_headers(const http_request& request, std::string_view region,
                                            std::string_view service,
                                            std::chrono::system_clock::time_point time,
                                            const credentials& credentials);

}  // namespace soong::aws
