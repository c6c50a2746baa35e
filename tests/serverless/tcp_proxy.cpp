#include "tcp_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace soong::test {
namespace {

[[noreturn]] void fail(const char* what) {
  throw std::runtime_error(std::string("tcp_proxy: ") + what + ": " + std::strerror(errno));
}

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

void close_socket(int fd, cut_kind how) {
  if (how == cut_kind::reset) {
    // Linger with a zero timeout: close() sends RST instead of FIN and drops unsent data.
    const linger abortive{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
  }
  ::close(fd);
}

/// Writes all of `data`; false when the peer is gone.
bool send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    // MSG_NOSIGNAL: a closed peer is an error return here, not a SIGPIPE for the test binary.
    const ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    data += sent;
    size -= static_cast<std::size_t>(sent);
  }
  return true;
}

}  // namespace

struct tcp_proxy::state {
  struct link {
    int client;
    int server;
  };

  int upstream_port = 0;
  int listen_fd = -1;
  int port = 0;
  int wake_read = -1;
  int wake_write = -1;

  mutable std::mutex mutex;
  std::condition_variable handled_cv;
  // Commands are numbered; the proxy thread handles them in its loop (it alone touches the
  // links, so no socket is closed under a poll() of another thread) and reports the number.
  unsigned long requested = 0;
  unsigned long handled = 0;
  bool paused = false;
  bool stopping = false;
  std::optional<cut_kind> pending_cut;
  int accepted = 0;

  std::vector<link> links;  // proxy thread only
  std::thread thread;

  void command(const std::function<void()>& change) {
    std::unique_lock lock(mutex);
    change();
    const unsigned long mine = ++requested;
    const char byte = 1;
    (void)!::write(wake_write, &byte, 1);
    handled_cv.wait(lock, [&] { return handled >= mine; });
  }

  void accept_one() {
    const int client = ::accept(listen_fd, nullptr, nullptr);
    if (client < 0) return;
    const int server = ::socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in upstream = loopback(upstream_port);
    if (server < 0 ||
        ::connect(server, reinterpret_cast<const sockaddr*>(&upstream), sizeof upstream) != 0) {
      if (server >= 0) ::close(server);
      ::close(client);  // the client sees the connection refused by EOF, like a dead server
      return;
    }
    links.push_back({client, server});
    const std::lock_guard lock(mutex);
    ++accepted;
  }

  /// Moves what is readable on `from` to `to`; false when either side is gone.
  static bool forward(int from, int to) {
    char buffer[64 * 1024];
    const ssize_t got = ::recv(from, buffer, sizeof buffer, 0);
    if (got < 0 && errno == EINTR) return true;
    if (got <= 0) return false;
    return send_all(to, buffer, static_cast<std::size_t>(got));
  }

  void run() {
    for (;;) {
      bool forwarding = false;
      bool stop = false;
      {
        const std::lock_guard lock(mutex);
        if (pending_cut) {
          for (const link& l : links) {
            close_socket(l.client, *pending_cut);
            close_socket(l.server, *pending_cut);
          }
          links.clear();
          pending_cut.reset();
        }
        forwarding = !paused;
        stop = stopping;
        handled = requested;
      }
      handled_cv.notify_all();
      if (stop) break;

      std::vector<pollfd> fds{{wake_read, POLLIN, 0}, {listen_fd, POLLIN, 0}};
      // accept_one() below may add a link that has no entry in `fds`: only these were polled.
      const std::size_t polled_links = forwarding ? links.size() : 0;
      if (forwarding) {
        for (const link& l : links) {
          fds.push_back({l.client, POLLIN, 0});
          fds.push_back({l.server, POLLIN, 0});
        }
      }
      if (::poll(fds.data(), fds.size(), -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      if (fds[0].revents != 0) {
        char drain[64];
        (void)!::read(wake_read, drain, sizeof drain);
      }
      if (fds[1].revents != 0) accept_one();
      if (!forwarding) continue;
      // Walk backwards so erasing a finished link keeps the earlier indices valid.
      for (std::size_t i = polled_links; i-- > 0;) {
        const pollfd& from_client = fds[2 + 2 * i];
        const pollfd& from_server = fds[3 + 2 * i];
        bool alive = true;
        if (from_client.revents != 0) alive = forward(links[i].client, links[i].server);
        if (alive && from_server.revents != 0) alive = forward(links[i].server, links[i].client);
        if (!alive) {
          // One side went away: pass the close on, as a NAT does.
          ::close(links[i].client);
          ::close(links[i].server);
          links.erase(links.begin() + static_cast<std::ptrdiff_t>(i));
        }
      }
    }
    for (const link& l : links) {
      ::close(l.client);
      ::close(l.server);
    }
    links.clear();
  }
};

tcp_proxy::tcp_proxy(int upstream_port) : state_(std::make_unique<state>()) {
  state& s = *state_;
  s.upstream_port = upstream_port;
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) fail("pipe");
  s.wake_read = pipe_fds[0];
  s.wake_write = pipe_fds[1];
  s.listen_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (s.listen_fd < 0) fail("socket");
  sockaddr_in address = loopback(0);  // port 0: the kernel picks a free one
  if (::bind(s.listen_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    fail("bind");
  }
  if (::listen(s.listen_fd, 16) != 0) fail("listen");
  socklen_t length = sizeof address;
  if (::getsockname(s.listen_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    fail("getsockname");
  }
  s.port = ntohs(address.sin_port);
  s.thread = std::thread([&s] { s.run(); });
}

tcp_proxy::~tcp_proxy() {
  state_->command([this] { state_->stopping = true; });
  state_->thread.join();
  ::close(state_->listen_fd);
  ::close(state_->wake_read);
  ::close(state_->wake_write);
}

int tcp_proxy::port() const { return state_->port; }

std::string tcp_proxy::conninfo(std::string_view dbname) const {
  return "host=127.0.0.1 port=" + std::to_string(state_->port) +
         " user=postgres sslmode=disable dbname=" + std::string(dbname);
}

void tcp_proxy::pause() {
  state_->command([this] { state_->paused = true; });
}

void tcp_proxy::resume() {
  state_->command([this] { state_->paused = false; });
}

void tcp_proxy::cut_all(cut_kind how) {
  state_->command([this, how] { state_->pending_cut = how; });
}

int tcp_proxy::accepted() const {
  const std::lock_guard lock(state_->mutex);
  return state_->accepted;
}

}  // namespace soong::test
