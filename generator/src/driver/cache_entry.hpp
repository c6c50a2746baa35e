#pragma once
// One file of the cache folder as JSON: read whole (a missing or corrupt file is a miss) and
// written through a temp file and a rename, so concurrent generator runs of one build see the
// old entry or the new one, never half of one. Shared by the typing cache
// (driver/result_cache.hpp) and the outputs record (driver/output_manifest.hpp).

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

namespace soong::gen {

/// The entry at `path`; nullopt when it is missing, unreadable or not JSON.
[[nodiscard]] std::optional<nlohmann::json> read_cache_entry(const std::filesystem::path& path);

/// Writes `value` to `path`, creating its folder; failures are ignored (the cache is an
/// optimisation).
void write_cache_entry(const std::filesystem::path& path, const nlohmann::json& value);

}  // namespace soong::gen
