#include "data_api/data_api_cli.hpp"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "data_api/emulator.hpp"
#include "lifecycle/database_target.hpp"
#include "lifecycle/duration.hpp"
#include "soong/error.hpp"

namespace soong::gen {

namespace {

struct serve_options {
  lifecycle::target_options target;
  int port = 0;
  std::string keys_file;
  std::string resource_arn;
  std::string secret_arn;
  std::string transaction_idle_timeout = "3m";
  std::string statement_timeout = "45s";
  std::size_t resuming_first = 0;
  bool quiet = false;
};

/// The keys that may sign: the environment's pair (what a local client signs with) and each
/// `ACCESS_KEY_ID SECRET_ACCESS_KEY` line of the keys file. Secrets never come from arguments,
/// which other users of the machine can read.
std::map<std::string, std::string> signing_keys(const serve_options& options) {
  std::map<std::string, std::string> keys;
  const char* id = std::getenv("AWS_ACCESS_KEY_ID");
  const char* secret = std::getenv("AWS_SECRET_ACCESS_KEY");
  if (id != nullptr && secret != nullptr && *id != '\0') keys[id] = secret;
  if (!options.keys_file.empty()) {
    std::ifstream in(options.keys_file);
    if (!in) throw error("--keys-file " + options.keys_file + ": cannot read the file");
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      std::istringstream words(line);
      std::string key_id;
      std::string key_secret;
      if (!(words >> key_id) || key_id.front() == '#') continue;
      if (!(words >> key_secret)) {
        throw error("--keys-file " + options.keys_file + ":" + std::to_string(number) +
                    ": expected ACCESS_KEY_ID SECRET_ACCESS_KEY");
      }
      keys[key_id] = key_secret;
    }
  }
  if (keys.empty()) {
    throw error(
        "no signing keys: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (as the client does) "
        "or give --keys-file");
  }
  return keys;
}

int serve(const serve_options& options) {
  data_api::emulator_options settings;
  settings.database = lifecycle::database_target::resolve(options.target).config();
  settings.port = options.port;
  settings.keys = signing_keys(options);
  settings.resource_arn = options.resource_arn;
  settings.secret_arn = options.secret_arn;
  settings.transaction_idle_timeout = lifecycle::parse_duration(options.transaction_idle_timeout);
  settings.statement_timeout = lifecycle::parse_duration(options.statement_timeout);
  settings.resuming_first = options.resuming_first;
  if (!options.quiet) {
    auto output = std::make_shared<std::mutex>();
    settings.log = [output](const std::string& line) {
      const std::lock_guard lock(*output);
      std::cerr << "soong data-api: " << line << "\n";
    };
  }

  // SIGINT/SIGTERM end the server from a thread that waits for them (a handler may not stop it).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  data_api::emulator server(std::move(settings));
  const int port = server.bind();
  std::cout << "soong data-api serve: listening on http://127.0.0.1:" << port << std::endl;
  std::thread waiter([&server, stop_signals] {
    int received = 0;
    sigwait(&stop_signals, &received);
    server.stop();
  });
  server.serve();
  // serve() returns only after stop(), which only the waiter calls.
  waiter.join();
  return 0;
}

}  // namespace

registered_subcommand add_data_api_subcommand(CLI::App& app) {
  auto options = std::make_shared<serve_options>();
  CLI::App* family = app.add_subcommand("data-api", "the RDS Data API on this machine");
  family->require_subcommand(1);
  CLI::App* serve_command = family->add_subcommand(
      "serve", "serve the Data API on 127.0.0.1 over a PostgreSQL database (for development)");
  serve_command->add_option("--database-url", options->target.database_url,
                            "the PostgreSQL behind it (URL or conninfo); default: DATABASE_URL, "
                            "CONNECTION_URL, PG_HOST..., libpq's PG*");
  serve_command->add_option("--url-env", options->target.url_env,
                            "read the URL from this environment variable instead");
  serve_command->add_option("--port", options->port, "port on 127.0.0.1 (default: any free one)")
      ->check(CLI::Range(0, 65535));
  serve_command->add_option("--keys-file", options->keys_file,
                            "file of 'ACCESS_KEY_ID SECRET_ACCESS_KEY' lines allowed to sign "
                            "(besides AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)");
  serve_command->add_option("--resource-arn", options->resource_arn,
                            "refuse requests for another cluster ARN");
  serve_command->add_option("--secret-arn", options->secret_arn,
                            "refuse requests with another secret ARN");
  serve_command->add_option("--transaction-idle-timeout", options->transaction_idle_timeout,
                            "end transactions idle this long")
      ->capture_default_str();
  serve_command->add_option("--statement-timeout", options->statement_timeout,
                            "answer StatementTimeoutException after this long (0: never)")
      ->capture_default_str();
  serve_command->add_option("--resuming-first", options->resuming_first,
                            "answer the first N statements DatabaseResumingException (unrun)");
  serve_command->add_flag("-q,--quiet", options->quiet, "no line per request on stderr");
  return {family, [options] {
            try {
              return serve(*options);
            } catch (const std::exception& e) {
              std::string message = e.what();
              for (char& c : message) {
                if (c == '\n') c = ' ';
              }
              std::cerr << "soong data-api serve: error: " << message << "\n";
              return 2;
            }
          }};
}

}  // namespace soong::gen
