#include "driver/output_manifest.hpp"

#include <filesystem>

#include "driver/cache_entry.hpp"
#include "driver/diagnostic_json.hpp"
#include "file_text.hpp"
#include "oracle/cache_key.hpp"

namespace soong::gen {
namespace fs = std::filesystem;

output_manifest::output_manifest(std::string cache_dir, const std::string& run_key,
                                 const std::vector<std::string>& arguments)
    : dir_(std::move(cache_dir)) {
  if (dir_.empty() || run_key.empty() || arguments.empty()) return;
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return;
  key_ = output_manifest_key(run_key, cwd.string(), arguments);
}

std::optional<recorded_outputs> output_manifest::unchanged_outputs(const std::string& out_dir) const {
  if (key_.empty()) return std::nullopt;
  const std::optional<nlohmann::json> record =
      read_cache_entry(fs::path(dir_) / (key_ + ".outputs.json"));
  if (!record) return std::nullopt;
  try {
    recorded_outputs recorded;
    recorded.diagnostics = record->at("diagnostics").get<std::vector<diagnostic>>();
    const nlohmann::json& files = record->at("files");
    for (const auto& [path, expected] : files.items()) {
      std::error_code ec;
      const fs::path file = fs::path(out_dir) / path;
      // The size first: a changed file is usually found without reading it.
      if (fs::file_size(file, ec) != expected.at("size").get<std::uintmax_t>() || ec) {
        return std::nullopt;
      }
      const std::optional<std::string> bytes = read_file_text(file);
      if (!bytes || content_digest(*bytes) != expected.at("sha256").get<std::string>()) {
        return std::nullopt;
      }
    }
    recorded.file_count = files.size();
    return recorded;
  } catch (const std::exception&) {
    return std::nullopt;  // a record of another format: the normal run
  }
}

void output_manifest::store(const file_map& files, const std::vector<diagnostic>& printed) const {
  if (key_.empty()) return;
  nlohmann::json listed = nlohmann::json::object();
  for (const auto& [path, contents] : files) {
    listed[path] = {{"size", contents.size()}, {"sha256", content_digest(contents)}};
  }
  write_cache_entry(fs::path(dir_) / (key_ + ".outputs.json"),
                    nlohmann::json{{"diagnostics", printed}, {"files", listed}});
}

}  // namespace soong::gen
