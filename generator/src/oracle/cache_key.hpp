#pragma once
// The result cache's key: a hash of everything the oracle's answers depend on, so an
// unchanged build can reuse the cached IR and start no server at all.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace soong::gen {

/// Everything that can change what the oracle says.
struct cache_key_inputs {
  /// (path, text) of every schema file, in the order they are applied.
  std::vector<std::pair<std::string, std::string>> schema_files;
  /// (path, text) of every query file, in the order they are read.
  std::vector<std::pair<std::string, std::string>> query_files;
  /// soong's version: a new generator may build a different IR from the same input.
  std::string generator_version;
  /// PostgreSQL major version of the oracle (server_major_version below), e.g. 15.
  int server_major_version = 0;
};

/// SHA-256 (OpenSSL) of the inputs as 64 lowercase hex digits. Every field is length-prefixed,
/// so moving text between files or between schema and queries changes the key; the same
/// inputs give the same key on every machine.
[[nodiscard]] std::string cache_key(const cache_key_inputs& inputs);

/// The major version of the server binaries in `bin_dir` (empty: the embedded server's search,
/// soong::embedded::find_bin_dir) by running `<bin_dir>/postgres --version`, which starts no
/// server. Nullopt when there are no binaries or the output is not `postgres (PostgreSQL) N...`.
[[nodiscard]] std::optional<int> server_major_version(const std::string& bin_dir = {});

/// The major version in `postgres --version` output: "postgres (PostgreSQL) 15.18 (Debian
/// 15.18-0+deb12u1)" → 15, "postgres (PostgreSQL) 9.6.24" → 9.
[[nodiscard]] std::optional<int> parse_postgres_version(const std::string& output);

}  // namespace soong::gen
