// The AWS credential provider chain: environment keys, else the container endpoint, cached.

#include "soong/aws_credentials.hpp"

#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>

#include "http_url.hpp"
#include "soong/error.hpp"

namespace soong::aws {

namespace {

constexpr std::string_view relative_uri_variable = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
constexpr std::string_view full_uri_variable = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
constexpr std::string_view token_file_variable = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
constexpr std::string_view token_variable = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
// ECS's task metadata address; RELATIVE_URI is a path on it.
constexpr std::string_view ecs_endpoint = "http://169.254.170.2";

std::optional<std::string> environment(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

/// Plain http only to addresses that never leave the machine or the task: loopback, ECS's and
/// EKS Pod Identity's link-local endpoints (the list AWS's SDKs accept).
bool allowed_plain_http_host(const std::string& host) {
  if (host == "localhost" || host == "[::1]" || host == "169.254.170.2" ||
      host == "169.254.170.23" || host == "[fd00:ec2::23]") {
    return true;
  }
  return host.rfind("127.", 0) == 0;
}

std::string read_token_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw error(std::string(token_file_variable) + ": cannot read " + path);
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  return token;
}

/// `YYYY-MM-DDTHH:MM:SS[.fff]Z` (what the endpoints send) to a time point.
std::optional<std::chrono::system_clock::time_point> parse_expiration(const std::string& text) {
  std::tm utc{};
  char zone = '\0';
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &utc.tm_year, &utc.tm_mon,
                  &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &consumed) != 6) {
    return std::nullopt;
  }
  std::string_view rest = std::string_view(text).substr(static_cast<std::size_t>(consumed));
  if (!rest.empty() && rest.front() == '.') {
    const auto digits_end = rest.find_first_not_of("0123456789", 1);
    rest = digits_end == std::string_view::npos ? std::string_view{} : rest.substr(digits_end);
  }
  if (rest == "Z" || rest == "+00:00") {
    zone = 'Z';
  }
  if (zone != 'Z') return std::nullopt;
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(timegm(&utc));
}

std::string string_field(const nlohmann::json& body, const char* name, const std::string& url) {
  const auto found = body.find(name);
  if (found == body.end() || !found->is_string() || found->get<std::string>().empty()) {
    throw error("AWS container credentials from " + url + ": the answer has no " + name);
  }
  return found->get<std::string>();
}

}  // namespace

std::optional<container_endpoint> container_endpoint_from_environment() {
  container_endpoint endpoint;
  if (const auto relative = environment(relative_uri_variable)) {
    endpoint.url = std::string(ecs_endpoint) + *relative;
  } else if (const auto full = environment(full_uri_variable)) {
    const http_url parts = split_http_url(*full, full_uri_variable);
    if (parts.scheme == "http" && !allowed_plain_http_host(parts.host)) {
      throw error(std::string(full_uri_variable) +
                  ": plain http is allowed only to a loopback address or the container endpoints "
                  "169.254.170.2 / 169.254.170.23; use https for " +
                  parts.host);
    }
    endpoint.url = *full;
  } else {
    return std::nullopt;
  }
  if (const auto token_file = environment(token_file_variable)) {
    endpoint.authorization = read_token_file(*token_file);
  } else if (const auto token = environment(token_variable)) {
    endpoint.authorization = *token;
  }
  return endpoint;
}

expiring_credentials fetch_container_credentials(const container_endpoint& endpoint,
                                                 std::chrono::milliseconds timeout) {
  const http_url parts = split_http_url(endpoint.url, "the container credentials URL");
  httplib::Client client(parts.scheme_host_port);
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  if (parts.scheme == "https") client.enable_server_certificate_verification(true);
  httplib::Headers headers;
  if (!endpoint.authorization.empty()) headers.emplace("Authorization", endpoint.authorization);

  const httplib::Result answer = client.Get(parts.path, headers);
  if (!answer) {
    throw error("AWS container credentials: cannot reach " + endpoint.url + " (" +
                httplib::to_string(answer.error()) + ")");
  }
  nlohmann::json body = nlohmann::json::parse(answer->body, nullptr, /*allow_exceptions=*/false);
  if (answer->status != 200) {
    std::string message;
    if (body.is_object() && body.contains("message") && body["message"].is_string()) {
      message = ": " + body["message"].get<std::string>();
    }
    throw error("AWS container credentials: " + endpoint.url + " answered HTTP " +
                std::to_string(answer->status) + message);
  }
  if (!body.is_object()) {
    throw error("AWS container credentials from " + endpoint.url + ": the answer is not JSON");
  }
  expiring_credentials result;
  result.keys.access_key_id = string_field(body, "AccessKeyId", endpoint.url);
  result.keys.secret_access_key = string_field(body, "SecretAccessKey", endpoint.url);
  if (const auto token = body.find("Token"); token != body.end() && token->is_string()) {
    result.keys.session_token = token->get<std::string>();
  }
  if (const auto expiration = body.find("Expiration"); expiration != body.end()) {
    result.expiration =
        expiration->is_string() ? parse_expiration(expiration->get<std::string>()) : std::nullopt;
    if (!result.expiration) {
      throw error("AWS container credentials from " + endpoint.url +
                  ": Expiration is not an ISO 8601 UTC time");
    }
  }
  return result;
}

struct credential_chain::state {
  options settings;
  std::mutex mutex;  // one fetch at a time; guards cached
  std::optional<expiring_credentials> cached;

  [[nodiscard]] std::chrono::system_clock::time_point now() const {
    return settings.clock ? settings.clock() : std::chrono::system_clock::now();
  }
};

credential_chain::credential_chain() : credential_chain(options{}) {}

credential_chain::credential_chain(options options) : state_(std::make_shared<state>()) {
  state_->settings = std::move(options);
}

credentials credential_chain::operator()() const {
  if (environment("AWS_ACCESS_KEY_ID")) return credentials_from_environment();

  const std::optional<container_endpoint> endpoint = container_endpoint_from_environment();
  if (!endpoint) {
    throw error(
        "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where "
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI is set "
        "(an ECS task role)");
  }
  const std::lock_guard lock(state_->mutex);
  const auto now = state_->now();
  const auto fresh = [&](const expiring_credentials& c, std::chrono::seconds margin) {
    return !c.expiration || now + margin < *c.expiration;
  };
  if (state_->cached && fresh(*state_->cached, state_->settings.refresh_before)) {
    return state_->cached->keys;
  }
  try {
    state_->cached = fetch_container_credentials(*endpoint, state_->settings.timeout);
  } catch (const error&) {
    // A refresh that fails early is not an outage: the keys in hand still work.
    if (state_->cached && fresh(*state_->cached, std::chrono::seconds{0})) {
      return state_->cached->keys;
    }
    throw;
  }
  return state_->cached->keys;
}

}  // namespace soong::aws
