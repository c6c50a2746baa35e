// cruddur_server: the Cruddur API over HTTP.
//
//   cruddur_server [--port N] [--host ADDR] [--threads N]
//
// Port: --port, else $PORT, else 4567. Threads: how many clients are served at once (one per
// open keep-alive connection), default 64. Database: soong's environment variables (DATABASE_URL,
// PG_HOST/PG_PORT/PG_DBNAME/PG_USER/PG_PASSWORD, libpq's PG*). With DATABASE_REPLICA_URLS set
// (comma-separated hot standbys), reads go to a standby and writes to the primary, which answer
// with an X-Consistency-Token header for read-your-writes. Stops cleanly on SIGINT/SIGTERM.

#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "cruddur/http_routes.hpp"
#include "cruddur/http_server_settings.hpp"

namespace {

struct server_options {
  std::string host = "0.0.0.0";
  int port = 4567;
  std::size_t threads = cruddur::http::default_worker_threads;
};

int parse_port(std::string_view text) {
  int port = 0;
  for (const char c : text) {
    if (c < '0' || c > '9' || port > 65535) throw std::invalid_argument("bad port");
    port = port * 10 + (c - '0');
  }
  if (text.empty() || port == 0 || port > 65535) {
    throw std::invalid_argument("port must be a number from 1 to 65535, got \"" +
                                std::string(text) + "\"");
  }
  return port;
}

std::size_t parse_threads(std::string_view text) {
  const bool digits = !text.empty() && text.size() <= 4 &&
                      text.find_first_not_of("0123456789") == std::string_view::npos;
  std::size_t threads = 0;
  if (digits) {
    for (const char c : text) threads = threads * 10 + static_cast<std::size_t>(c - '0');
  }
  if (threads == 0 || threads > 4096) {
    throw std::invalid_argument("threads must be a number from 1 to 4096, got \"" +
                                std::string(text) + "\"");
  }
  return threads;
}

server_options parse_options(int argc, char** argv) {
  server_options options;
  if (const char* port = std::getenv("PORT"); port != nullptr && *port != '\0') {
    options.port = parse_port(port);
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--port" || arg == "--host" || arg == "--threads") && i + 1 < argc) {
      const std::string_view value = argv[++i];
      if (arg == "--port") {
        options.port = parse_port(value);
      } else if (arg == "--threads") {
        options.threads = parse_threads(value);
      } else {
        options.host = value;
      }
    } else {
      throw std::invalid_argument(
          "unknown argument \"" + std::string(arg) +
          "\"; usage: cruddur_server [--port N] [--host ADDR] [--threads N]");
    }
  }
  return options;
}

bool has_replicas() {
  const char* urls = std::getenv("DATABASE_REPLICA_URLS");
  return urls != nullptr && *urls != '\0';
}

}  // namespace

int main(int argc, char** argv) {
  server_options options;
  try {
    options = parse_options(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "cruddur_server: " << e.what() << "\n";
    return 2;
  }

  // Signals are taken by one thread with sigwait, not by a handler: stopping the server is
  // not async-signal-safe. Blocked before any thread starts, so every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // Neither connects before the first request.
  std::optional<soong::pool> pool;
  std::optional<soong::cluster> cluster;
  httplib::Server server;
  if (has_replicas()) {
    cluster.emplace(soong::cluster::from_environment());
    cruddur::http::install_routes(server, *cluster);
  } else {
    pool.emplace(soong::pool::from_environment());
    cruddur::http::install_routes(server, *pool);
  }
  cruddur::http::apply_server_settings(server, options.threads);

  if (!server.bind_to_port(options.host, options.port)) {
    std::cerr << "cruddur_server: cannot listen on " << options.host << ":" << options.port << "\n";
    return 1;
  }
  if (!cruddur::http::widen_listen_backlog(options.port)) {
    std::cerr << "cruddur_server: listen backlog left at cpp-httplib's default\n";
  }
  std::atomic<bool> serving_ended{false};
  std::thread signal_waiter([&server, &stop_signals, &serving_ended] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    std::cerr << "cruddur_server: signal " << signal_number << ", stopping\n";
    // cpp-httplib ignores a stop() that comes before its accept loop runs: a signal right after
    // start would be lost. Wait for the loop (or its end) first.
    while (!server.is_running() && !serving_ended) std::this_thread::yield();
    server.stop();
  });
  std::cout << "cruddur_server: listening on http://" << options.host << ":" << options.port
            << std::endl;
  const bool listened = server.listen_after_bind();
  serving_ended = true;
  // Wake the waiter if the server stopped on its own (it is blocked in sigwait).
  if (signal_waiter.joinable()) {
    pthread_kill(signal_waiter.native_handle(), SIGTERM);
    signal_waiter.join();
  }
  std::cout << "cruddur_server: stopped" << std::endl;
  return listened ? 0 : 1;
}
