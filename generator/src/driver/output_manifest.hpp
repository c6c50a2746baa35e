#pragma once
// The record of what a `soong generate` run wrote, so that rerunning it unchanged has nothing to
// do. It lives beside the typing cache's entries (driver/result_cache.hpp) as
// `<key>.outputs.json`, under a key of the run's typing key (every input byte, the generator
// build, the server), the command line and the working folder; it lists every output file with
// its size and SHA-256. When the key matches and every listed file in the output folder still
// has those bytes, the rerun neither loads the IR nor emits code: what it costs is reading and
// hashing the inputs and the outputs. A missing or edited output file is a miss: the normal
// run writes it again.

#include <optional>
#include <string>
#include <vector>

#include "driver/outputs.hpp"

namespace soong::gen {

class output_manifest {
 public:
  /// Disabled (no match, nothing stored) when `cache_dir`, `run_key` or `arguments` is empty.
  output_manifest(std::string cache_dir, const std::string& run_key,
                  const std::vector<std::string>& arguments);

  /// How many files the record lists, when every one of them is in `out_dir` with the recorded
  /// bytes; nullopt when there is no record or a file is missing or differs.
  [[nodiscard]] std::optional<std::size_t> unchanged_outputs(const std::string& out_dir) const;
  /// Records `files`, which `out_dir` now holds; atomically, failures ignored.
  void store(const file_map& files) const;
  /// The record's key; empty when disabled.
  [[nodiscard]] const std::string& key() const noexcept { return key_; }

 private:
  std::string dir_;
  std::string key_;
};

}  // namespace soong::gen
