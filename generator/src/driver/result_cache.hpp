#pragma once
// The typing result cache: the IR the oracle and the nullability analysis produced for a given
// input, stored as JSON under a key that hashes everything it depends on (oracle/cache_key.hpp),
// so an unchanged build starts no PostgreSQL server. Beside each run's entry, every query file's
// typed queries are stored under a key of that file plus the run's schema and generator, so a
// run where one file changed types only that file's queries. Keys, storage and load live here
// only.
//
// An entry keeps the warnings and notes its run found besides the IR, and a hit replays them:
// a rerun of the same inputs prints what the first run printed, until the cause is fixed. A run
// with errors stores no run entry (a query file with an error stores no file entry).
//
// Location, first match wins: `--cache-dir DIR`; `$SOONG_CACHE_DIR`; `$XDG_CACHE_HOME/soong`;
// `$HOME/.cache/soong`. `--no-cache` turns it off. Entries are `<key>.json` (a run) and
// `<key>.file.json` (a query file); deleting the folder is always safe.

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "driver/inputs.hpp"
#include "ir.hpp"

namespace soong::gen {

/// The cache folder for `explicit_dir` (may be empty) and the environment; nullopt when no
/// location can be determined (no HOME).
[[nodiscard]] std::optional<std::string> resolve_cache_dir(const std::string& explicit_dir);

/// A run's cached IR, and whether its query files parsed without a single diagnostic: then a
/// rerun of the same bytes need not parse them again, it would report nothing.
struct cached_run {
  ir model;
  bool front_end_quiet = false;
  /// The warnings and notes found after the front end (CRUD tables, typing), in order.
  std::vector<diagnostic> server_diagnostics;
};

/// A query file's cached typed queries, with the warnings and notes their typing found.
struct cached_file {
  std::vector<query> queries;
  std::vector<diagnostic> diagnostics;
};

/// The cache entries of one run's inputs: the key covers the schema and query files, this
/// generator build, the CRUD tables, the server URL and the local server's major version.
class ir_cache {
 public:
  /// Disabled (load() misses, store() does nothing) when `dir` is empty, or when there is
  /// neither a local server whose version could be keyed on nor a `database_url`.
  ir_cache(std::string dir, const run_inputs& inputs,
           const std::optional<std::string>& database_url);

  /// The cached IR, or nullopt when missing, unreadable or from an incompatible build.
  [[nodiscard]] std::optional<cached_run> load() const;
  /// Stores `model` and the warnings and notes found after the front end, atomically (temp file
  /// + rename), so concurrent generator runs of one build never read a half-written entry.
  /// Failures are ignored: the cache is an optimisation.
  void store(const ir& model, bool front_end_quiet,
             const std::vector<diagnostic>& server_diagnostics) const;

  /// The typed queries of `file` (one of the run's query files) from an earlier run that typed
  /// the same path and text under the same schema, generator and options; nullopt otherwise.
  [[nodiscard]] std::optional<cached_file> load_file(const input_file& file) const;
  /// Stores the typed queries of `file` and the warnings and notes their typing found,
  /// atomically; failures are ignored.
  void store_file(const input_file& file, const cached_file& typed) const;
  /// The entry's key; empty when the cache is disabled.
  [[nodiscard]] const std::string& key() const noexcept { return key_; }

 private:
  std::string dir_;
  std::string key_;
  std::string context_;  // the key of everything but the query files, for the file entries
};

}  // namespace soong::gen
