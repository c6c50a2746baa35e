// The Data API client: signed JSON POSTs over one keep-alive HTTP(S) connection, with the
// resend rules of soong::data_api::resend.

#include <httplib.h>

#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "http_url.hpp"
#include "soong/data_api/client.hpp"
#include "soong/data_api/text_parameters.hpp"
#include "soong/error.hpp"

namespace soong::data_api {

namespace {

constexpr std::string_view service_name = "rds-data";

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::string first_set(const char* preferred, const char* fallback) {
  std::string value = environment(preferred);
  return value.empty() ? environment(fallback) : value;
}

/// The ARN's colon-separated fields: arn, partition, service, region, account, resource...
std::vector<std::string_view> arn_fields(std::string_view arn) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (fields.size() < 6) {
    const auto colon = arn.find(':', start);
    if (colon == std::string_view::npos) {
      fields.push_back(arn.substr(start));
      break;
    }
    fields.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  return fields;
}

/// Operations that accept a `database` member.
bool takes_database(std::string_view operation) {
  return operation == "Execute" || operation == "BatchExecute" || operation == "BeginTransaction";
}

/// What one HTTP exchange gave: an answer, or nothing (the reason).
struct exchange {
  std::optional<httplib::Response> answer;
  std::string failure;
};

service_error_report report_of(const httplib::Response& answer) {
  service_error_report report;
  report.http_status = answer.status;
  const nlohmann::json body = nlohmann::json::parse(answer.body, nullptr, false);
  std::string type = answer.get_header_value("x-amzn-ErrorType");
  // Without the header, the body's `code` or `__type` names the error (rest-json errors).
  if (type.empty() && body.is_object()) {
    for (const char* member : {"code", "__type"}) {
      if (body.contains(member) && body[member].is_string()) {
        type = body[member].get<std::string>();
        break;
      }
    }
  }
  report.type = type.empty() ? "HTTP" + std::to_string(answer.status) : error_type_name(type);
  if (body.is_object()) {
    for (const char* member : {"message", "Message"}) {
      if (body.contains(member) && body[member].is_string()) {
        report.message = body[member].get<std::string>();
        break;
      }
    }
  }
  if (report.message.empty()) report.message = answer.body.substr(0, 200);
  return report;
}

bool over_response_limit(const service_error_report& report) {
  return report.type == "BadRequestException" &&
         (report.message.find("response size") != std::string::npos ||
          report.message.find("row size") != std::string::npos);
}

}  // namespace

client_config client_config::from_environment() {
  client_config config;
  config.resource_arn = first_set("SOONG_DATA_API_RESOURCE_ARN", "AURORA_CLUSTER_ARN");
  config.secret_arn = first_set("SOONG_DATA_API_SECRET_ARN", "AURORA_SECRET_ARN");
  config.database = environment("SOONG_DATA_API_DATABASE");
  config.endpoint = environment("SOONG_DATA_API_ENDPOINT");
  config.region = environment("SOONG_DATA_API_REGION");
  std::string missing;
  if (config.resource_arn.empty())
    missing += " SOONG_DATA_API_RESOURCE_ARN (or AURORA_CLUSTER_ARN)";
  if (config.secret_arn.empty()) missing += " SOONG_DATA_API_SECRET_ARN (or AURORA_SECRET_ARN)";
  if (!missing.empty()) throw error("Data API configuration: set" + missing);
  return config;
}

std::string region_of_arn(std::string_view arn) {
  const std::vector<std::string_view> fields = arn_fields(arn);
  if (fields.size() < 6 || fields[0] != "arn" || fields[2] != "rds" || fields[3].empty()) {
    throw error("Data API: \"" + std::string(arn) +
                "\" is not an RDS cluster ARN (arn:aws:rds:<region>:<account>:cluster:<id>)");
  }
  return std::string(fields[3]);
}

std::string default_endpoint(std::string_view arn, std::string_view region) {
  const std::vector<std::string_view> fields = arn_fields(arn);
  const bool china = fields.size() > 1 && fields[1] == "aws-cn";
  return "https://rds-data." + std::string(region) +
         (china ? ".amazonaws.com.cn" : ".amazonaws.com");
}

struct client::impl {
  client_config config;
  std::string region;
  aws::http_url endpoint;
  std::mutex mutex;  // one request at a time on the connection
  httplib::Client http;

  explicit impl(client_config c)
      : config(std::move(c)),
        region(config.region.empty() ? region_of_arn(config.resource_arn) : config.region),
        endpoint(aws::split_http_url(config.endpoint.empty()
                                         ? default_endpoint(config.resource_arn, region)
                                         : config.endpoint,
                                     "the Data API endpoint")),
        http(endpoint.scheme_host_port) {
    if (config.secret_arn.empty()) throw error("Data API configuration: the secret ARN is empty");
    http.set_keep_alive(true);
    http.set_connection_timeout(config.connect_timeout);
    http.set_read_timeout(config.request_timeout);
    http.set_write_timeout(config.request_timeout);
    if (endpoint.scheme == "https") http.enable_server_certificate_verification(true);
  }

  [[nodiscard]] std::chrono::system_clock::time_point now() const {
    return config.clock ? config.clock() : std::chrono::system_clock::now();
  }

  void pause(std::chrono::milliseconds delay) const {
    if (config.sleep) {
      config.sleep(delay);
    } else {
      std::this_thread::sleep_for(delay);
    }
  }

  exchange send(std::string_view operation, const std::string& body) {
    aws::http_request request;
    request.method = "POST";
    request.path = "/" + std::string(operation);
    request.headers = {{"host", endpoint.authority}, {"content-type", "application/json"}};
    request.payload_sha256 = aws::sha256_hex(body);
    const aws::credentials keys =
        config.credentials ? config.credentials() : aws::credentials_from_environment();
    const aws::header_signature signature =
        aws::sign_headers(request, region, service_name, now(), keys);

    httplib::Headers headers{{"Host", endpoint.authority},
                             {"Authorization", signature.authorization}};
    for (const auto& [name, value] : signature.headers_to_add) headers.emplace(name, value);

    const std::lock_guard lock(mutex);
    httplib::Result result = http.Post(request.path, headers, body, "application/json");
    if (!result) return {std::nullopt, httplib::to_string(result.error())};
    return {std::move(*result), {}};
  }
};

client::client(client_config config) : impl_(std::make_unique<impl>(std::move(config))) {}
client::~client() = default;
client::client(client&&) noexcept = default;
client& client::operator=(client&&) noexcept = default;

const client_config& client::config() const noexcept { return impl_->config; }

nlohmann::json client::request_body(std::string_view operation, nlohmann::json body) const {
  body["resourceArn"] = impl_->config.resource_arn;
  body["secretArn"] = impl_->config.secret_arn;
  if (!impl_->config.database.empty() && takes_database(operation)) {
    body["database"] = impl_->config.database;
  }
  return body;
}

nlohmann::json client::call(std::string_view operation, nlohmann::json body,
                            std::string_view query_name, resend policy) {
  body = request_body(operation, std::move(body));
  if (const auto parameters = body.find("parameters"); parameters != body.end()) {
    check_text_parameters(*parameters, query_name);
  }
  if (const auto sets = body.find("parameterSets"); sets != body.end() && sets->is_array()) {
    for (const nlohmann::json& set : *sets) check_text_parameters(set, query_name);
  }
  std::string text;
  try {
    text = body.dump();
  } catch (const nlohmann::json::type_error&) {
    throw error(std::string(query_name) +
                ": a text parameter is not valid UTF-8; nothing was sent to the Data API");
  }
  if (operation == "BatchExecute" && text.size() > max_batch_request_bytes) {
    throw request_too_large(std::string(query_name) + ": the batch request is " +
                            std::to_string(text.size()) +
                            " bytes, over the Data API's 4 MiB; nothing was sent");
  }

  std::size_t resumes = 0;
  bool resent_unknown = false;
  for (;;) {
    exchange sent = impl_->send(operation, text);
    if (!sent.answer) {
      if (policy == resend::once_if_unknown && !resent_unknown) {
        resent_unknown = true;
        continue;
      }
      throw connection_error(std::string(query_name) + ": no answer from the Data API at " +
                             impl_->endpoint.scheme_host_port + " (" + sent.failure +
                             "); the statement may or may not have run");
    }
    if (sent.answer->status == 200) {
      nlohmann::json answer = nlohmann::json::parse(sent.answer->body, nullptr, false);
      if (answer.is_discarded() || !answer.is_object()) {
        throw connection_error(std::string(query_name) +
                               ": the Data API answered 200 with a body that is not a JSON object");
      }
      return answer;
    }
    const service_error_report report = report_of(*sent.answer);
    if (cancelled_before_running(report) && resumes < impl_->config.resume_delays.size()) {
      impl_->pause(impl_->config.resume_delays[resumes++]);
      continue;
    }
    if (outcome_unknown(report) && policy == resend::once_if_unknown && !resent_unknown) {
      resent_unknown = true;
      continue;
    }
    if (over_response_limit(report)) {
      throw response_too_large(
          query_name,
          service_error_report{report.http_status, report.type,
                               report.message +
                                   " (the Data API answers at most 1 MiB, 64 KB per row: "
                                   "fetch fewer rows per call, e.g. with LIMIT and a keyset)"});
    }
    throw_service_error(query_name, report);
  }
}

std::string client::begin_transaction() {
  const nlohmann::json answer =
      call("BeginTransaction", nlohmann::json::object(), "BeginTransaction",
           resend::once_if_unknown);  // a lost answer leaves a transaction that idles out
  if (!answer.contains("transactionId") || !answer["transactionId"].is_string()) {
    throw connection_error("BeginTransaction: the Data API answered without a transactionId");
  }
  return answer["transactionId"].get<std::string>();
}

void client::commit_transaction(const std::string& transaction_id) {
  (void)call("CommitTransaction", {{"transactionId", transaction_id}}, "CommitTransaction",
             resend::never);
}

void client::rollback_transaction(const std::string& transaction_id) {
  (void)call("RollbackTransaction", {{"transactionId", transaction_id}}, "RollbackTransaction",
             resend::once_if_unknown);
}

transaction::transaction(client& owner) : owner_(&owner), id_(owner.begin_transaction()) {}

transaction::~transaction() {
  if (done_) return;
  try {
    owner_->rollback_transaction(id_);
  } catch (const error&) {
    // The service ends an abandoned transaction itself after 3 idle minutes; a destructor
    // must not throw.
  }
}

void transaction::commit() {
  if (done_) throw error("Data API transaction " + id_ + ": already committed");
  done_ = true;  // a failed commit must not be followed by a rollback of an unknown outcome
  owner_->commit_transaction(id_);
}

}  // namespace soong::data_api
