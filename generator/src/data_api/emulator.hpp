#pragma once
// `soong data-api serve`: a loopback-only stand-in for the RDS Data API over a real PostgreSQL,
// for developing and testing Data API code without AWS. It implements ExecuteStatement,
// BatchExecuteStatement, BeginTransaction, CommitTransaction and RollbackTransaction; checks
// SigV4 signatures; binds parameters with the service's fixed types (no leniency); enforces the
// service's limits; expires idle transactions; and can inject faults. docs/data-api.md lists
// which behaviours come from AWS's reference and which are our reading of it.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "soong/connection_config.hpp"

namespace soong::gen::data_api {

struct emulator_options {
  connection_config database;  ///< the PostgreSQL behind the emulator
  int port = 0;                ///< 0: any free port (printed at start)
  /// Access key id -> secret access key that may sign requests.
  std::map<std::string, std::string> keys;
  /// When set, requests naming another resource or secret ARN are refused as on AWS.
  std::string resource_arn;
  std::string secret_arn;
  std::chrono::milliseconds transaction_idle_timeout{std::chrono::minutes(3)};
  /// The service ends statements after 45 s (unless continueAfterTimeout); 0: never.
  std::chrono::milliseconds statement_timeout{std::chrono::seconds(45)};
  /// Fault injection: the first N statements are answered DatabaseResumingException unrun.
  std::size_t resuming_first = 0;
  /// One line per request (operation, status, error type); empty: none.
  std::function<void(const std::string&)> log;
};

class emulator {
 public:
  explicit emulator(emulator_options options);
  ~emulator();
  emulator(const emulator&) = delete;
  emulator& operator=(const emulator&) = delete;

  /// Binds 127.0.0.1 and returns the port (before serving).
  [[nodiscard]] int bind();
  /// Serves until stop(); returns when stopped (at once when stop() came first).
  void serve();
  /// Ends serve() from any thread, whenever it is called (before, while or after serve() starts).
  void stop();

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace soong::gen::data_api
