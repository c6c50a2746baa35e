#pragma once
// An httplib::Server a test runs on a thread of its own. httplib's stop() acts only on a server
// whose accept loop has begun (the loop marks itself running first thing): a test that ends
// before that moment would stop nothing and wait for the thread forever. Starting through here
// returns only once the loop runs, so a later stop() always ends it.

#include <httplib.h>

#include <atomic>
#include <memory>
#include <thread>

namespace soong::testing {

/// Runs `server` (bound already, e.g. by bind_to_any_port) on a new thread; returns that thread
/// once the accept loop runs, or once it has ended (a server that could not listen).
[[nodiscard]] inline std::thread serve_in_background(httplib::Server& server) {
  auto ended = std::make_shared<std::atomic<bool>>(false);
  std::thread thread([&server, ended] {
    server.listen_after_bind();
    *ended = true;
  });
  while (!server.is_running() && !*ended) std::this_thread::yield();
  return thread;
}

}  // namespace soong::testing
