#pragma once
// Reading a whole file as bytes: one place for the generator's commands that read SQL, seeds,
// and migrations (the driver's own input reading adds its diagnostics around the same call).

#include <filesystem>
#include <optional>
#include <string>

namespace soong::gen {

/// The file's bytes; nullopt when it cannot be opened or read (missing, a folder, no access).
[[nodiscard]] std::optional<std::string> read_file_text(const std::filesystem::path& path);

}  // namespace soong::gen
