#pragma once
// The record of what a `soong generate` run wrote, so that rerunning it unchanged has nothing to
// do. It lives beside the typing cache's entries (driver/result_cache.hpp) as
// `<key>.outputs.json`, under a key of the run's typing key (every input byte, the generator
// build, the server), the command line and the working folder; it lists every output file with
// its size and SHA-256. When the key matches and every listed file in the output folder still
// has those bytes, the rerun neither loads the IR nor emits code: what it costs is reading and
// hashing the inputs and the outputs. A missing or edited output file is a miss: the normal
// run writes it again.
//
// The record also keeps the warnings and notes its run printed, and a rerun that it answers
// prints them again, byte for byte: a warning stays until its cause is fixed, on every run. A
// run with errors writes nothing and records nothing.

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "driver/outputs.hpp"

namespace soong::gen {

/// What a record says about its run, when the output folder still holds what it wrote.
struct recorded_outputs {
  std::size_t file_count = 0;
  /// The warnings and notes the recorded run printed, in order.
  std::vector<diagnostic> diagnostics;
};

class output_manifest {
 public:
  /// Disabled (no match, nothing stored) when `cache_dir`, `run_key` or `arguments` is empty.
  output_manifest(std::string cache_dir, const std::string& run_key,
                  const std::vector<std::string>& arguments);

  /// The record, when every file it lists is in `out_dir` with the recorded bytes; nullopt when
  /// there is no record or a file is missing or differs.
  [[nodiscard]] std::optional<recorded_outputs> unchanged_outputs(const std::string& out_dir) const;
  /// Records `files`, which `out_dir` now holds, and the warnings and notes the run printed;
  /// atomically, failures ignored.
  void store(const file_map& files, const std::vector<diagnostic>& printed) const;
  /// The record's key; empty when disabled.
  [[nodiscard]] const std::string& key() const noexcept { return key_; }

 private:
  std::string dir_;
  std::string key_;
};

}  // namespace soong::gen
