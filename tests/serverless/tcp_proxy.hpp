#pragma once
// A loopback TCP proxy that a test controls, standing in for the network path between a Lambda
// container and its database: it can stall (a frozen container: bytes wait, nothing is lost) or
// cut every connection with a FIN or an RST (a NAT or idle timeout that killed the socket while
// the container was frozen). Real sockets and a real server on the other side; nothing mocked.

#include <memory>
#include <string>
#include <string_view>

namespace soong::test {

/// How tcp_proxy::cut_all ends the connections it carries.
enum class cut_kind {
  close,  ///< orderly close (FIN) on both sides: libpq sees EOF
  reset,  ///< abortive close (RST, SO_LINGER 0) on both sides: ECONNRESET, as AWS NAT gateways do
};

/// Forwards connections from 127.0.0.1:port() to 127.0.0.1:upstream_port on its own thread.
class tcp_proxy {
 public:
  explicit tcp_proxy(int upstream_port);
  ~tcp_proxy();
  tcp_proxy(const tcp_proxy&) = delete;
  tcp_proxy& operator=(const tcp_proxy&) = delete;

  /// The loopback port clients connect to.
  [[nodiscard]] int port() const;
  /// libpq conninfo for `dbname` through the proxy (superuser `postgres`, no TLS).
  [[nodiscard]] std::string conninfo(std::string_view dbname = "postgres") const;

  /// Stops forwarding (connections stay open; bytes wait in the kernel) until resume().
  /// Returns once the proxy thread has stopped forwarding.
  void pause();
  void resume();
  /// Ends every connection open now, both the client's and the server's side. Returns once done.
  void cut_all(cut_kind how);

  /// Connections accepted so far (one per physical connect of the code under test).
  [[nodiscard]] int accepted() const;

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace soong::test
