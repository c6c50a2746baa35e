#pragma once
// soong::data_api::client: the RDS Data API over HTTPS (keep-alive, certificate verification),
// each request signed with SigV4 for the `rds-data` service. One client serves many threads
// (one request at a time each; calls from several threads queue on the connection).
// Reference: Amazon RDS Data API Reference (ExecuteStatement, BatchExecuteStatement,
// BeginTransaction, CommitTransaction, RollbackTransaction).

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "soong/aws_sigv4.hpp"
#include "soong/data_api/service_error.hpp"

namespace soong::data_api {

/// Where and how to reach the Data API.
struct client_config {
  std::string resource_arn;  ///< the Aurora cluster: arn:aws:rds:<region>:<account>:cluster:<id>
  std::string secret_arn;    ///< the Secrets Manager secret holding the database login
  std::string database;      ///< empty: the secret's default database
  std::string region;        ///< empty: the resource ARN's
  /// Empty: https://rds-data.<region>.amazonaws.com (.com.cn in China). Set it to reach
  /// `soong data-api serve` (e.g. http://127.0.0.1:8080).
  std::string endpoint;
  std::chrono::milliseconds connect_timeout{5000};
  /// The service ends a statement after 45 s unless told to continue; leave room for that.
  std::chrono::milliseconds request_timeout{60000};
  aws::credentials_source credentials;  ///< empty: aws::credentials_from_environment
  aws::clock_function clock;            ///< signing time; empty: system_clock::now
  /// Waits before each resend of a statement the service cancelled before running it (a paused
  /// cluster resuming); one resend per entry.
  std::vector<std::chrono::milliseconds> resume_delays{
      std::chrono::milliseconds{500}, std::chrono::seconds{1}, std::chrono::seconds{2},
      std::chrono::seconds{4},        std::chrono::seconds{8}, std::chrono::seconds{15}};
  std::function<void(std::chrono::milliseconds)> sleep;  ///< empty: std::this_thread::sleep_for

  /// `SOONG_DATA_API_RESOURCE_ARN` (else `AURORA_CLUSTER_ARN`), `SOONG_DATA_API_SECRET_ARN`
  /// (else `AURORA_SECRET_ARN`), `SOONG_DATA_API_DATABASE`, `SOONG_DATA_API_ENDPOINT`,
  /// `SOONG_DATA_API_REGION`. Throws soong::error naming what is missing.
  [[nodiscard]] static client_config from_environment();
};

/// The region of `arn:<partition>:rds:<region>:<account>:cluster:<id>`; throws soong::error
/// quoting the ARN when it is not one.
[[nodiscard]] std::string region_of_arn(std::string_view arn);
/// `https://rds-data.<region>.amazonaws.com`, or `.amazonaws.com.cn` for the aws-cn partition.
[[nodiscard]] std::string default_endpoint(std::string_view arn, std::string_view region);

/// Whether a call whose outcome is unknown (no answer, a timeout, a 5xx) may be sent again.
/// Statements the service cancelled before running are always resent (resume_delays).
enum class resend {
  never,           ///< writes: sending twice could apply twice
  once_if_unknown  ///< reads and idempotent work
};

/// The response was over the service's 1 MiB limit (or a row over 64 KB).
class response_too_large : public service_error {
 public:
  using service_error::service_error;
};

/// The request is over a service limit; nothing was sent.
class request_too_large : public error {
 public:
  using error::error;
};

/// The service's limits (RDS Data API quotas).
inline constexpr std::size_t max_sql_characters = 65'536;
inline constexpr std::size_t max_batch_request_bytes = 4 * 1024 * 1024;

class client {
 public:
  explicit client(client_config config);
  ~client();
  client(client&&) noexcept;
  client& operator=(client&&) noexcept;
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  /// POSTs `body` (plus resourceArn, secretArn and, where the operation takes one, database) to
  /// `/<operation>`, signed; returns the answer's JSON. A failure throws the soong exception of
  /// throw_service_error naming `query_name`; no answer at all is soong::connection_error (the
  /// statement may or may not have run).
  [[nodiscard]] nlohmann::json call(std::string_view operation, nlohmann::json body,
                                    std::string_view query_name, resend policy = resend::never);

  /// `body` as call() sends it to `/<operation>` (with resourceArn, secretArn, database): what
  /// the service's request limits are measured on.
  [[nodiscard]] nlohmann::json request_body(std::string_view operation, nlohmann::json body) const;

  [[nodiscard]] std::string begin_transaction();
  void commit_transaction(const std::string& transaction_id);
  void rollback_transaction(const std::string& transaction_id);

  [[nodiscard]] const client_config& config() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// A Data API transaction: BeginTransaction on construction, CommitTransaction on commit(),
/// RollbackTransaction in the destructor when not committed. Statements run in it carry its id.
class transaction {
 public:
  explicit transaction(client& owner);
  ~transaction();
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;

  void commit();
  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  [[nodiscard]] client& owner() const noexcept { return *owner_; }

 private:
  client* owner_;
  std::string id_;
  bool done_ = false;
};

}  // namespace soong::data_api
