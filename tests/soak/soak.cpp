// cruddur_soak: the Cruddur HTTP server (the real cruddur_server program, over soong::pool)
// under concurrent load while its PostgreSQL restarts at a fixed interval. Prints what the
// operators of such a service watch, and exits 1 when one of them is wrong:
//   - requests and errors per restart window and outside them: errors only inside the windows
//     (a restart, however long the server takes to stop and start on a busy machine, plus
//     `--window` seconds for the pool to notice and reconnect);
//   - no stall: outside the windows, no second without a successful request (a deadlock or a
//     pool that never recovers shows up here);
//   - memory: the server's resident set at the start and at the end (flat: within 20% + 8 MiB).
//
//   cruddur_soak [--seconds N] [--threads N] [--restart-every N] [--window N]
//
// Defaults: 600 s, 32 client threads, a restart every 60 s, a 10 s window after each
// restart's end.
// Needs the cruddur_server program (CRUDDUR_SERVER, a compile definition) and PostgreSQL.

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <soong/soong.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "child_process.hpp"
#include "embedded_server.hpp"

namespace {

using steady = std::chrono::steady_clock;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool built_with_address_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool built_with_address_sanitizer = true;
#else
constexpr bool built_with_address_sanitizer = false;
#endif
#else
constexpr bool built_with_address_sanitizer = false;
#endif

struct soak_options {
  int seconds = 600;
  int threads = 32;
  int restart_every = 60;
  int window = 10;
};

soak_options parse(int argc, char** argv) {
  soak_options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + arg);
    const int value = std::stoi(argv[++i]);
    if (value <= 0) throw std::invalid_argument(arg + " must be positive");
    if (arg == "--seconds") {
      o.seconds = value;
    } else if (arg == "--threads") {
      o.threads = value;
    } else if (arg == "--restart-every") {
      o.restart_every = value;
    } else if (arg == "--window") {
      o.window = value;
    } else {
      throw std::invalid_argument("unknown option " + arg);
    }
  }
  return o;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// VmRSS of `pid` in KiB (0 when unreadable).
long resident_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

/// Successes and errors in each second of the run.
struct per_second {
  explicit per_second(int seconds) : ok(seconds + 1), failed(seconds + 1) {}
  std::vector<std::atomic<int>> ok;
  std::vector<std::atomic<int>> failed;
  std::atomic<long> resent{0};

  /// Keeps the first few failures, to say what they were.
  void sample(int second, std::string what) {
    const std::lock_guard lock(mutex);
    if (samples.size() < 12) samples.push_back("second " + std::to_string(second) + ": " + what);
  }
  std::mutex mutex;
  std::vector<std::string> samples;
};

/// One client thread: the feed, a user's page, and now and then a profile update.
void client(int port, steady::time_point start, int seconds, per_second& counts, int id) {
  httplib::Client http("127.0.0.1", port);
  http.set_connection_timeout(std::chrono::seconds(2));
  http.set_read_timeout(std::chrono::seconds(10));
  // A connection per request (cpp-httplib's kept-alive connections are ~20 times slower here).
  http.set_keep_alive(false);
  for (int n = 0;; ++n) {
    const auto now = steady::now();
    const int second =
        static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(now - start).count());
    if (second >= seconds) return;
    // The write updates a profile rather than adding activities: the data (and so every
    // response) keeps its size, and the server's memory can be compared start to end.
    const auto send = [&] {
      return n % 10 == 0  ? http.Put("/api/profile/update",
                                     R"({"cognito_user_id":"cognito-londo","bio":"soak )" +
                                         std::to_string(id) + "-" + std::to_string(n) + R"("})",
                                     "application/json")
             : n % 2 == 0 ? http.Get("/api/activities/home")
                          : http.Get("/api/activities/@londo");
    };
    // Every request here is idempotent; like a browser, resend once when the transport failed
    // (under load the example server's short listen backlog drops a connection attempt now and
    // then), and count it.
    httplib::Result res = send();
    if (!res) {
      ++counts.resent;
      res = send();
    }
    if (res && res->status == 200) {
      ++counts.ok[second];
    } else {
      ++counts.failed[second];
      counts.sample(second, res ? "HTTP " + std::to_string(res->status) + " " + res->body
                                : "transport: " + httplib::to_string(res.error()));
    }
  }
}

/// Starts cruddur_server on a free port and waits until it answers; returns its pid and port.
/// Another process can take the port before the server binds it: the server then exits saying
/// it cannot listen, and is started again on another port.
std::pair<pid_t, int> start_cruddur_server(const std::string& log) {
  constexpr int port_attempts = 5;
  for (int attempt = 1;; ++attempt) {
    const int port = soong::embedded::free_tcp_port();
    ::setenv("PORT", std::to_string(port).c_str(), 1);
    const std::size_t log_start = soong::embedded::file_size_now(log);
    const pid_t server = soong::embedded::spawn({CRUDDUR_SERVER}, log, {}, true);
    // Until it answers: the measured time starts with a server that is up (a sanitized build
    // on a busy machine can take many seconds to start).
    for (const auto until = steady::now() + std::chrono::seconds(120);;) {
      httplib::Client probe("127.0.0.1", port);
      if (auto r = probe.Get("/api/activities/home"); r && r->status == 200) {
        return {server, port};
      }
      if (soong::embedded::has_exited(server)) {
        const std::string text = soong::embedded::read_file(log);
        const bool port_taken =
            text.find("cannot listen on", std::min(log_start, text.size())) != std::string::npos;
        if (port_taken && attempt < port_attempts) break;
        throw std::runtime_error("cruddur_server exited during startup (its log: " + log + ")");
      }
      if (steady::now() >= until) {
        ::kill(server, SIGTERM);
        static_cast<void>(soong::embedded::wait_exit_code(server));
        throw std::runtime_error("cruddur_server did not answer within 120 s (its log: " + log +
                                 ")");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

int run(const soak_options& o) {
  soong::embedded::server_options server_options;
  server_options.listen_tcp = true;
  const auto database = soong::embedded::server::start(server_options);
  {
    soong::connection admin(database->conninfo());
    soong::execute_script(admin, "CREATE DATABASE cruddur");
    soong::connection conn(database->conninfo("cruddur"));
    soong::execute_script(conn, read_text(std::string(SOONG_SOURCE_DIR) + "/sql/schema.sql"));
    soong::execute_script(conn, read_text(std::string(SOONG_SOURCE_DIR) + "/sql/seed.sql"));
  }
  ::setenv("DATABASE_URL", database->tcp_conninfo("cruddur").c_str(), 1);
  const std::string log = "/tmp/cruddur_soak_server_" + std::to_string(::getpid()) + ".log";
  const auto [server, port] = start_cruddur_server(log);

  const auto start = steady::now();
  per_second counts(o.seconds);
  std::vector<std::thread> clients;
  for (int t = 0; t < o.threads; ++t) {
    clients.emplace_back(client, port, start, o.seconds, std::ref(counts), t);
  }
  std::this_thread::sleep_for(std::chrono::seconds(std::min(3, o.seconds / 4)));
  const long rss_start = resident_kib(server);
  struct restart_span {
    int began;  // seconds since start
    int ended;  // the second the server accepted connections again
  };
  const auto seconds_since_start = [&] {
    return static_cast<int>(
        std::chrono::duration_cast<std::chrono::seconds>(steady::now() - start).count());
  };
  std::vector<restart_span> restarts;
  while (steady::now() - start + std::chrono::seconds(o.restart_every) <
         std::chrono::seconds(o.seconds)) {
    std::this_thread::sleep_until(start +
                                  std::chrono::seconds(o.restart_every) * (restarts.size() + 1));
    const int began = seconds_since_start();
    database->restart();
    restarts.push_back({began, seconds_since_start()});
  }
  for (std::thread& t : clients) t.join();
  const long rss_end = resident_kib(server);
  ::kill(server, SIGTERM);
  const int server_exit = soong::embedded::wait_exit_code(server);

  long ok = 0, failed = 0, failed_outside = 0;
  int stalled_seconds = 0;
  for (int s = 0; s < o.seconds; ++s) {
    bool in_window = false;
    // From the second before the restart (a request started then may still be in flight)
    // to `window` seconds after the server is back.
    for (const restart_span& r : restarts) {
      in_window = in_window || (s >= r.began - 1 && s < r.ended + o.window);
    }
    ok += counts.ok[s];
    failed += counts.failed[s];
    if (!in_window) {
      if (counts.failed[s] > 0) {
        std::cout << "  second " << s << ": " << counts.failed[s] << " failed outside a window\n";
      }
      failed_outside += counts.failed[s];
      if (counts.ok[s] == 0) ++stalled_seconds;
    }
  }
  std::string restart_lengths;
  for (const restart_span& r : restarts) {
    restart_lengths += " " + std::to_string(r.ended - r.began) + " s";
  }
  for (const std::string& sample : counts.samples) std::cout << "  failure: " << sample << "\n";
  // Under AddressSanitizer freed memory waits in its quarantine (up to 256 MiB), so the
  // resident set grows by design: report it, but judge it only in a normal build.
  const bool memory_flat =
      built_with_address_sanitizer || rss_end <= rss_start + rss_start / 5 + 8 * 1024;
  std::cout << "cruddur_soak: " << o.seconds << " s, " << o.threads << " client threads, "
            << restarts.size() << " database restarts (every " << o.restart_every
            << " s; server back after" << restart_lengths << ")\n"
            << "  requests: " << ok + failed << " (" << (ok + failed) / o.seconds << "/s), "
            << failed << " failed, " << failed_outside << " of them outside the " << o.window
            << " s restart windows; " << counts.resent << " resent after a transport error\n"
            << "  seconds without a successful request outside the windows: " << stalled_seconds
            << "\n"
            << "  server resident set: " << rss_start / 1024 << " MiB at start, " << rss_end / 1024
            << " MiB at the end"
            << (built_with_address_sanitizer ? " (not judged: AddressSanitizer build)"
                : memory_flat                ? ""
                                             : " (grew)")
            << "\n"
            << "  server exit code after SIGTERM: " << server_exit << "\n";
  const bool passed = failed_outside == 0 && stalled_seconds == 0 && memory_flat &&
                      server_exit == 0 && ok > 0 && !restarts.empty();
  std::cout << (passed ? "PASSED" : "FAILED (server log: " + log + ")") << "\n";
  return passed ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "cruddur_soak: " << e.what() << "\n";
    return 2;
  }
}
