#include "cruddur/http_server_settings.hpp"

#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>

namespace cruddur::http {

void apply_server_settings(httplib::Server& server, std::size_t worker_threads) {
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100);
  server.new_task_queue = [worker_threads] { return new httplib::ThreadPool(worker_threads); };
}

bool widen_listen_backlog(int port) {
  // httplib keeps its listening socket private; it is the one listening socket of this
  // process bound to `port`.
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  const int last = limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > 4096
                       ? 4096
                       : static_cast<int>(limit.rlim_cur);
  for (int fd = 0; fd < last; ++fd) {
    int listening = 0;
    socklen_t size = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || listening == 0) {
      continue;
    }
    sockaddr_storage address{};
    socklen_t address_size = sizeof address;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &address_size) != 0) continue;
    int bound = -1;
    if (address.ss_family == AF_INET) {
      bound = ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
    } else if (address.ss_family == AF_INET6) {
      bound = ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
    }
    if (bound == port) return ::listen(fd, SOMAXCONN) == 0;
  }
  return false;
}

}  // namespace cruddur::http
