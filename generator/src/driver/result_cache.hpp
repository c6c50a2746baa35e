#pragma once
// The typing result cache: the IR the oracle and the nullability analysis produced for a given
// input, stored as JSON under a key that hashes everything it depends on (oracle/cache_key.hpp),
// so an unchanged build starts no PostgreSQL server.
//
// Location, first match wins: `--cache-dir DIR`; `$SOONG_CACHE_DIR`; `$XDG_CACHE_HOME/soong`;
// `$HOME/.cache/soong`. `--no-cache` turns it off. Entries are `<key>.json`; deleting the
// folder is always safe.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace soong::gen {

/// The cache folder for `explicit_dir` (may be empty) and the environment; nullopt when no
/// location can be determined (no HOME).
[[nodiscard]] std::optional<std::string> resolve_cache_dir(const std::string& explicit_dir);

/// The entry for `key`, or nullopt when missing or unreadable (a corrupt entry is a miss).
[[nodiscard]] std::optional<nlohmann::json> cache_load(const std::string& dir,
                                                       const std::string& key);

/// Stores the entry atomically (temp file + rename), so concurrent generator runs of one build
/// never read a half-written entry. Failures are ignored: the cache is an optimisation.
void cache_store(const std::string& dir, const std::string& key, const nlohmann::json& value);

}  // namespace soong::gen
