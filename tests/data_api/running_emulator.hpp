#pragma once
// `soong data-api serve`'s server on a thread of this process, on loopback, keeping a log of
// the requests it answered (one line each: "<operation> <status> [<error type>]"), with the
// test keys and the ARNs a client must send.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "data_api/emulator.hpp"
#include "soong/aws_credentials.hpp"
#include "soong/connection_config.hpp"
#include "soong/data_api/client.hpp"

namespace data_api_testing {

/// The access key pair the emulator accepts and test clients sign with.
inline constexpr const char* access_key = "AKIDLOCAL";
inline constexpr const char* secret_key = "local-secret";

class running_emulator {
 public:
  /// The emulator over `database` (a URL or conninfo), answering for the given cluster and secret.
  [[nodiscard]] static soong::gen::data_api::emulator_options options_for(
      const std::string& database, std::string resource_arn, std::string secret_arn) {
    soong::gen::data_api::emulator_options o;
    o.database = soong::connection_config::parse(database);
    o.keys = {{access_key, secret_key}};
    o.resource_arn = std::move(resource_arn);
    o.secret_arn = std::move(secret_arn);
    return o;
  }

  explicit running_emulator(soong::gen::data_api::emulator_options options)
      : resource_arn_(options.resource_arn), secret_arn_(options.secret_arn) {
    options.log = [this](const std::string& line) {
      const std::lock_guard lock(mutex_);
      log_.push_back(line);
    };
    server_ = std::make_unique<soong::gen::data_api::emulator>(std::move(options));
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->serve(); });
  }
  ~running_emulator() {
    server_->stop();
    thread_.join();
  }
  running_emulator(const running_emulator&) = delete;
  running_emulator& operator=(const running_emulator&) = delete;

  [[nodiscard]] std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

  /// A client of this emulator, signing with the test keys.
  [[nodiscard]] soong::data_api::client_config client_config() const {
    soong::data_api::client_config c;
    c.resource_arn = resource_arn_;
    c.secret_arn = secret_arn_;
    c.endpoint = endpoint();
    c.credentials = [] { return soong::aws::credentials{access_key, secret_key, ""}; };
    return c;
  }

  /// How many logged requests are exactly `line`.
  [[nodiscard]] int count(std::string_view line) const {
    const std::lock_guard lock(mutex_);
    int n = 0;
    for (const std::string& l : log_) n += l == line ? 1 : 0;
    return n;
  }

  /// The whole log, one line per request.
  [[nodiscard]] std::string log_text() const {
    const std::lock_guard lock(mutex_);
    std::string text;
    for (const std::string& l : log_) text += l + "\n";
    return text;
  }

  /// How many logged requests start with `prefix` (e.g. "BatchExecute 200").
  [[nodiscard]] std::size_t count_starting_with(std::string_view prefix) const {
    const std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const std::string& l : log_) n += l.starts_with(prefix) ? 1 : 0;
    return n;
  }

 private:
  std::string resource_arn_;
  std::string secret_arn_;
  std::unique_ptr<soong::gen::data_api::emulator> server_;
  std::thread thread_;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::vector<std::string> log_;
};

}  // namespace data_api_testing
