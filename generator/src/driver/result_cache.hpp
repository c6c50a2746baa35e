#pragma once
// The typing result cache: the IR the oracle and the nullability analysis produced for a given
// input, stored as JSON under a key that hashes everything it depends on (oracle/cache_key.hpp),
// so an unchanged build starts no PostgreSQL server. Key, storage and load live here only.
//
// Location, first match wins: `--cache-dir DIR`; `$SOONG_CACHE_DIR`; `$XDG_CACHE_HOME/soong`;
// `$HOME/.cache/soong`. `--no-cache` turns it off. Entries are `<key>.json`; deleting the
// folder is always safe.

#include <optional>
#include <string>

#include "driver/inputs.hpp"
#include "ir.hpp"

namespace soong::gen {

/// The cache folder for `explicit_dir` (may be empty) and the environment; nullopt when no
/// location can be determined (no HOME).
[[nodiscard]] std::optional<std::string> resolve_cache_dir(const std::string& explicit_dir);

/// The cache entry of one run's inputs: the key covers the schema and query files, this
/// generator build, the CRUD tables, the server URL and the local server's major version.
class ir_cache {
 public:
  /// Disabled (load() misses, store() does nothing) when `dir` is empty, or when there is
  /// neither a local server whose version could be keyed on nor a `database_url`.
  ir_cache(std::string dir, const run_inputs& inputs,
           const std::optional<std::string>& database_url);

  /// The cached IR, or nullopt when missing, unreadable or from an incompatible build.
  [[nodiscard]] std::optional<ir> load() const;
  /// Stores `model` atomically (temp file + rename), so concurrent generator runs of one build
  /// never read a half-written entry. Failures are ignored: the cache is an optimisation.
  void store(const ir& model) const;
  /// The entry's key; empty when the cache is disabled.
  [[nodiscard]] const std::string& key() const noexcept { return key_; }

 private:
  std::string dir_;
  std::string key_;
};

}  // namespace soong::gen
