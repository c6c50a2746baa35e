#include "oracle/cache_key.hpp"

#include <openssl/evp.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <stdexcept>

#include "embedded_server.hpp"

extern char** environ;

namespace soong::gen {
namespace {

void append_field(std::string& buffer, std::string_view tag, std::string_view value) {
  // tag, then the value's length as 8 little-endian bytes, then the value.
  buffer += tag;
  std::uint64_t size = value.size();
  for (int i = 0; i < 8; ++i) buffer += static_cast<char>((size >> (8 * i)) & 0xFF);
  buffer += value;
}

// Runs `program --version` without a shell and returns its stdout.
std::optional<std::string> run_version(const std::string& program) {
  int fds[2];
  if (::pipe(fds) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  const char* argv[] = {program.c_str(), "--version", nullptr};
  pid_t pid = -1;
  const int spawned =
      ::posix_spawn(&pid, program.c_str(), &actions, nullptr, const_cast<char**>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  std::string output;
  if (spawned == 0) {
    std::array<char, 512> buffer{};
    ssize_t n = 0;
    while ((n = ::read(fds[0], buffer.data(), buffer.size())) > 0) {
      output.append(buffer.data(), static_cast<std::size_t>(n));
    }
  }
  ::close(fds[0]);
  if (spawned != 0) return std::nullopt;
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return output;
}

std::string sha256_hex(std::string_view buffer) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_size = 0;
  if (EVP_Digest(buffer.data(), buffer.size(), digest.data(), &digest_size, EVP_sha256(),
                 nullptr) != 1) {
    throw std::runtime_error("cache key: OpenSSL EVP_Digest(SHA-256) failed");
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < digest_size; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xF];
  }
  return out;
}

// The format of both keys and of the entries they name: a new one never reads an old entry.
constexpr std::string_view format_tag = "soong-ir-cache-v8";

}  // namespace

std::string cache_key(const cache_key_inputs& inputs) {
  std::string buffer;
  append_field(buffer, format_tag, "");
  append_field(buffer, "generator", inputs.generator_version);
  append_field(buffer, "server-major", std::to_string(inputs.server_major_version));
  append_field(buffer, "schema-count", std::to_string(inputs.schema_files.size()));
  for (const auto& [path, text] : inputs.schema_files) {
    append_field(buffer, "schema-path", path);
    append_field(buffer, "schema-text", text);
  }
  append_field(buffer, "query-count", std::to_string(inputs.query_files.size()));
  for (const auto& [path, text] : inputs.query_files) {
    append_field(buffer, "query-path", path);
    append_field(buffer, "query-text", text);
  }
  return sha256_hex(buffer);
}

std::string query_file_cache_key(std::string_view context, std::string_view path,
                                 std::string_view text) {
  std::string buffer;
  append_field(buffer, format_tag, "query-file");
  append_field(buffer, "context", context);
  append_field(buffer, "query-path", path);
  append_field(buffer, "query-text", text);
  return sha256_hex(buffer);
}

std::string output_manifest_key(std::string_view run_key, std::string_view working_folder,
                                const std::vector<std::string>& arguments) {
  std::string buffer;
  append_field(buffer, format_tag, "outputs");
  append_field(buffer, "run", run_key);
  append_field(buffer, "cwd", working_folder);
  append_field(buffer, "argument-count", std::to_string(arguments.size()));
  for (const std::string& argument : arguments) append_field(buffer, "argument", argument);
  return sha256_hex(buffer);
}

std::string content_digest(std::string_view bytes) { return sha256_hex(bytes); }

std::optional<int> parse_postgres_version(const std::string& output) {
  static constexpr std::string_view marker = "(PostgreSQL) ";
  const auto at = output.find(marker);
  if (at == std::string::npos) return std::nullopt;
  std::size_t i = at + marker.size();
  int major = 0;
  std::size_t digits = 0;
  while (i < output.size() && output[i] >= '0' && output[i] <= '9' && digits < 4) {
    major = major * 10 + (output[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  return major;
}

std::optional<int> server_major_version(const std::string& bin_dir) {
  std::string dir = bin_dir;
  if (dir.empty()) {
    auto found = soong::embedded::find_bin_dir();
    if (!found) return std::nullopt;
    dir = *found;
  }
  const auto output = run_version(dir + "/postgres");
  if (!output) return std::nullopt;
  return parse_postgres_version(*output);
}

}  // namespace soong::gen
