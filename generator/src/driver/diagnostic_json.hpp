#pragma once
// Diagnostics as JSON, for the cache entries that replay them: the typing cache
// (driver/result_cache.hpp) keeps the warnings and notes of the server stage, the outputs
// record (driver/output_manifest.hpp) every diagnostic its run printed. A diagnostic carries
// its own source line, so a replayed one renders byte for byte as it did when it was found.

#include <nlohmann/json.hpp>

#include "diag/diagnostic.hpp"

namespace soong::gen {

void to_json(nlohmann::json& j, const diagnostic& d);
/// Throws nlohmann::json::exception on another shape (an entry of another format).
void from_json(const nlohmann::json& j, diagnostic& d);

}  // namespace soong::gen
