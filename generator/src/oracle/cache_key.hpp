#pragma once
// The result cache's keys: a hash of everything the oracle's answers depend on, so an
// unchanged build can reuse the cached IR and start no server at all; and, per query file, a
// hash of that file under the same schema and generator, so an edit retypes only its file.

#include <optional>
#include <string>
#include <string_view>
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

/// The key of one query file's typed queries: `context` is cache_key() of the run's inputs
/// without their query files (schema, generator, server, options), so a file's entry is reused
/// only where the same schema and generator would type it; then the file's path (positions
/// name it) and text. Never equal to a cache_key(): the fields are tagged differently.
[[nodiscard]] std::string query_file_cache_key(std::string_view context, std::string_view path,
                                               std::string_view text);

/// The key of the outputs record of a `soong generate` run (driver/output_manifest.hpp):
/// `run_key` is the run's cache_key(); `arguments` (the command line) and `working_folder`
/// decide what is written where.
[[nodiscard]] std::string output_manifest_key(std::string_view run_key,
                                              std::string_view working_folder,
                                              const std::vector<std::string>& arguments);

/// SHA-256 of `bytes` as 64 lowercase hex digits.
[[nodiscard]] std::string content_digest(std::string_view bytes);

/// The major version of the server binaries in `bin_dir` (empty: the embedded server's search,
/// soong::embedded::find_bin_dir) by running `<bin_dir>/postgres --version`, which starts no
/// server. Nullopt when there are no binaries or the output is not `postgres (PostgreSQL) N...`.
[[nodiscard]] std::optional<int> server_major_version(const std::string& bin_dir = {});

/// The major version in `postgres --version` output: "postgres (PostgreSQL) 15.18 (Debian
/// 15.18-0+deb12u1)" → 15, "postgres (PostgreSQL) 9.6.24" → 9.
[[nodiscard]] std::optional<int> parse_postgres_version(const std::string& output);

}  // namespace soong::gen
