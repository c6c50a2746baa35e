// The wire server: byte-level framing of PostgreSQL protocol 3 messages over a loopback socket.

#include "wire_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace soong::test {

namespace {

constexpr std::int32_t protocol_3 = 196608;
constexpr std::int32_t ssl_request = 80877103;
constexpr std::int32_t gss_request = 80877104;
constexpr std::int32_t cancel_request = 80877102;

void put_int32(std::string& out, std::int32_t value) {
  const std::uint32_t be = htonl(static_cast<std::uint32_t>(value));
  out.append(reinterpret_cast<const char*>(&be), 4);
}

void put_int16(std::string& out, std::int16_t value) {
  const std::uint16_t be = htons(static_cast<std::uint16_t>(value));
  out.append(reinterpret_cast<const char*>(&be), 2);
}

std::int32_t get_int32(const char* at) {
  std::uint32_t be = 0;
  std::memcpy(&be, at, 4);
  return static_cast<std::int32_t>(ntohl(be));
}

}  // namespace

std::string binary_int8(std::int64_t value) {
  std::string out;
  put_int32(out, static_cast<std::int32_t>(static_cast<std::uint64_t>(value) >> 32));
  put_int32(out, static_cast<std::int32_t>(value & 0xffffffff));
  return out;
}

std::string binary_int4(std::int32_t value) {
  std::string out;
  put_int32(out, value);
  return out;
}

wire_session::wire_session(int socket) : socket_(socket) {}

wire_session::~wire_session() { cut(); }

bool wire_session::read_exact(char* into, std::size_t n) {
  while (n > 0 && socket_ >= 0) {
    const ssize_t got = ::recv(socket_, into, n, 0);
    if (got <= 0) return false;
    into += got;
    n -= static_cast<std::size_t>(got);
  }
  return n == 0;
}

std::optional<client_message> wire_session::read() {
  char header[5];
  if (!read_exact(header, 5)) return std::nullopt;
  const std::int32_t length = get_int32(header + 1);
  if (length < 4) return std::nullopt;
  client_message message{header[0], std::string(static_cast<std::size_t>(length - 4), '\0')};
  if (!read_exact(message.body.data(), message.body.size())) return std::nullopt;
  return message;
}

std::vector<client_message> wire_session::read_until_sync() {
  std::vector<client_message> messages;
  while (std::optional<client_message> m = read()) {
    messages.push_back(std::move(*m));
    const char type = messages.back().type;
    if (type == 'S' || type == 'Q' || type == 'c' || type == 'f') return messages;
    if (type == 'X') return {};  // Terminate
  }
  return {};
}

void wire_session::send(char type, std::string_view body) {
  if (socket_ < 0) return;
  if (cut_at_ && sent_ >= *cut_at_) {
    cut();
    return;
  }
  std::string frame(1, type);
  put_int32(frame, static_cast<std::int32_t>(body.size() + 4));
  frame.append(body);
  std::size_t done = 0;
  while (done < frame.size()) {
    const ssize_t n = ::send(socket_, frame.data() + done, frame.size() - done, MSG_NOSIGNAL);
    if (n <= 0) {
      cut();
      return;
    }
    done += static_cast<std::size_t>(n);
  }
  ++sent_;
}

void wire_session::cut() {
  if (socket_ < 0) return;
  ::shutdown(socket_, SHUT_RDWR);
  ::close(socket_);
  socket_ = -1;
}

void wire_session::row_description(const std::vector<wire_column>& columns) {
  std::string body;
  put_int16(body, static_cast<std::int16_t>(columns.size()));
  for (const wire_column& c : columns) {
    body.append(c.name).push_back('\0');
    put_int32(body, 0);  // table oid
    put_int16(body, 0);  // column number
    put_int32(body, static_cast<std::int32_t>(c.type_oid));
    put_int16(body, c.type_length);
    put_int32(body, -1);  // typmod
    put_int16(body, 1);   // binary
  }
  send('T', body);
}

void wire_session::data_row(const std::vector<std::optional<std::string>>& values) {
  std::string body;
  put_int16(body, static_cast<std::int16_t>(values.size()));
  for (const std::optional<std::string>& v : values) {
    if (!v) {
      put_int32(body, -1);
      continue;
    }
    put_int32(body, static_cast<std::int32_t>(v->size()));
    body.append(*v);
  }
  send('D', body);
}

void wire_session::command_complete(std::string_view tag) {
  std::string body(tag);
  body.push_back('\0');
  send('C', body);
}

void wire_session::ready_for_query(char status) { send('Z', std::string(1, status)); }

void wire_session::error_response(std::string_view sqlstate, std::string_view message) {
  std::string body;
  for (const auto& [field, value] : {std::pair<char, std::string_view>{'S', "ERROR"},
                                     {'V', "ERROR"},
                                     {'C', sqlstate},
                                     {'M', message}}) {
    body.push_back(field);
    body.append(value).push_back('\0');
  }
  body.push_back('\0');
  send('E', body);
}

void wire_session::copy_in_response(int columns) {
  std::string body(1, '\1');  // binary
  put_int16(body, static_cast<std::int16_t>(columns));
  for (int i = 0; i < columns; ++i) put_int16(body, 1);
  send('G', body);
}

struct wire_server::state {
  script on_session;
  std::int32_t backend_pid;
  int listener = -1;
  int port = 0;
  std::thread acceptor;
  std::mutex mutex;
  std::vector<std::thread> sessions;
  std::vector<int> open_sockets;
  std::atomic<int> cancels{0};
  std::optional<int> cut_handshake_after;
  std::string time_zone = "UTC";
  std::atomic<bool> stopping{false};

  /// Reads the startup packet (answering SSL and GSS requests with 'N'); false for a cancel
  /// request or a broken connection.
  bool startup(int socket) {
    for (;;) {
      char length_bytes[4];
      if (::recv(socket, length_bytes, 4, MSG_WAITALL) != 4) return false;
      const std::int32_t length = get_int32(length_bytes);
      if (length < 8 || length > 10000) return false;
      std::string rest(static_cast<std::size_t>(length - 4), '\0');
      if (::recv(socket, rest.data(), rest.size(), MSG_WAITALL) !=
          static_cast<ssize_t>(rest.size())) {
        return false;
      }
      const std::int32_t code = get_int32(rest.data());
      if (code == ssl_request || code == gss_request) {
        if (::send(socket, "N", 1, MSG_NOSIGNAL) != 1) return false;
        continue;
      }
      if (code == cancel_request) {
        ++cancels;
        return false;
      }
      return code == protocol_3;
    }
  }

  void handshake(wire_session& session) {
    std::optional<int> cut;
    std::string zone;
    {
      const std::lock_guard lock(mutex);
      cut = cut_handshake_after;
      zone = time_zone;
    }
    session.cut_after(cut);
    std::string ok;
    put_int32(ok, 0);
    session.send('R', ok);  // AuthenticationOk
    for (const auto& [name, value] :
         {std::pair<std::string_view, std::string_view>{"server_version", "15.0 (hostile)"},
          {"server_encoding", "UTF8"},
          {"client_encoding", "UTF8"},
          {"DateStyle", "ISO, MDY"},
          {"integer_datetimes", "on"},
          {"standard_conforming_strings", "on"},
          {"TimeZone", zone}}) {  // UTC as a real server reports it: soong sends no SET
      std::string body(name);
      body.push_back('\0');
      body.append(value).push_back('\0');
      session.send('S', body);
    }
    std::string key;
    put_int32(key, backend_pid);
    put_int32(key, 12345);
    session.send('K', key);
    session.ready_for_query();
    session.cut_after(std::nullopt);
  }

  void serve(int socket) {
    if (!startup(socket)) {
      ::close(socket);
      return;
    }
    wire_session session(socket);
    handshake(session);
    if (!session.is_cut()) on_session(session);
  }
};

wire_server::wire_server(script on_session, std::int32_t backend_pid)
    : state_(std::make_unique<state>()) {
  state_->on_session = std::move(on_session);
  state_->backend_pid = backend_pid;
  state_->listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(state_->listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(state_->listener, 16) != 0) {
    throw std::runtime_error("wire_server: cannot listen on loopback");
  }
  socklen_t size = sizeof address;
  ::getsockname(state_->listener, reinterpret_cast<sockaddr*>(&address), &size);
  state_->port = ntohs(address.sin_port);
  state_->acceptor = std::thread([s = state_.get()] {
    for (;;) {
      const int client = ::accept(s->listener, nullptr, nullptr);
      if (client < 0 || s->stopping) {
        if (client >= 0) ::close(client);
        return;
      }
      const std::lock_guard lock(s->mutex);
      s->open_sockets.push_back(client);
      s->sessions.emplace_back([s, client] { s->serve(client); });
    }
  });
}

wire_server::~wire_server() {
  state_->stopping = true;
  ::shutdown(state_->listener, SHUT_RDWR);
  state_->acceptor.join();
  ::close(state_->listener);
  std::vector<std::thread> sessions;
  {
    const std::lock_guard lock(state_->mutex);
    // Unblocks scripts waiting in read(); a socket the session closed already just fails.
    for (const int socket : state_->open_sockets) ::shutdown(socket, SHUT_RDWR);
    sessions.swap(state_->sessions);
  }
  for (std::thread& t : sessions) t.join();
}

std::string wire_server::conninfo() const {
  return "host=127.0.0.1 port=" + std::to_string(state_->port) +
         " dbname=hostile user=tester password=any sslmode=disable";
}

int wire_server::cancel_requests() const { return state_->cancels; }

void wire_server::cut_handshake_after(std::optional<int> messages) {
  const std::lock_guard lock(state_->mutex);
  state_->cut_handshake_after = messages;
}

void wire_server::report_time_zone(std::string zone) {
  const std::lock_guard lock(state_->mutex);
  state_->time_zone = std::move(zone);
}

}  // namespace soong::test
