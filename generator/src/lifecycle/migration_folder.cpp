#include "lifecycle/migration_folder.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>

#include "diag/codes.hpp"
#include "file_text.hpp"
#include "parse/schema_input.hpp"
#include "soong/aws_sigv4.hpp"
#include "soong/error.hpp"

namespace soong::gen::lifecycle {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
  std::optional<std::string> text = read_file_text(path);
  if (!text) throw soong::error(fmt::format("{}: cannot read the file", path.string()));
  return std::move(*text);
}

std::string checksum_over(const std::vector<checksum_token>& tokens) {
  std::string joined;
  for (const checksum_token& t : tokens) {
    joined += t.text;
    joined += '\0';
  }
  return soong::aws::sha256_hex(joined);
}

/// The files of one version while the folder is read.
struct version_files {
  migration_file_name name;
  std::optional<fs::path> both;
  std::optional<fs::path> up;
  std::optional<fs::path> down;
};

/// Any file already seen for this version.
std::optional<fs::path> any_file(const version_files& files) {
  if (files.both) return files.both;
  if (files.up) return files.up;
  return files.down;
}

}  // namespace

std::vector<migration> read_migration_folder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw soong::error(
        fmt::format("migrations folder {} does not exist (--dir or "
                    "SOONG_MIGRATIONS_DIR names another)",
                    dir.string()));
  }
  std::vector<fs::path> paths;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());

  std::map<std::uint64_t, version_files> by_version;
  std::optional<fs::path> first_path;
  std::size_t width = 0;
  for (const fs::path& path : paths) {
    const auto name = parse_migration_file_name(path.filename().string());
    if (!name) {
      throw soong::error(
          fmt::format("{}: a migration file name starts with its version and `_` "
                      "(20240102030405_add_bio.sql, or 3_add_bio.up.sql / 3_add_bio.down.sql) [{}]",
                      path.string(), codes::migration_file_name));
    }
    if (!first_path) {
      first_path = path;
      width = name->version_text.size();
    } else if (name->version_text.size() != width) {
      throw soong::error(fmt::format(
          "{}: version {} has {} digits but {} has {}; mixed version widths sort differently "
          "as text and as numbers: rename the files to one width [{}]",
          path.string(), name->version_text, name->version_text.size(),
          first_path->filename().string(), width, codes::mixed_version_widths));
    }
    auto [it, inserted] = by_version.try_emplace(name->version, version_files{*name, {}, {}, {}});
    version_files& files = it->second;
    const bool pair_part = name->part != migration_file_name::part::both;
    const bool clash = !inserted && (files.name.name != name->name || !pair_part || files.both);
    if (clash) {
      throw soong::error(fmt::format(
          "{}: duplicate migration version {} (also {}) [{}]", path.string(), name->version_text,
          any_file(files)->filename().string(), codes::duplicate_migration_version));
    }
    if (name->part == migration_file_name::part::both) files.both = path;
    if (name->part == migration_file_name::part::up) files.up = path;
    if (name->part == migration_file_name::part::down) files.down = path;
  }

  std::vector<migration> out;
  for (auto& [version, files] : by_version) {
    migration m;
    m.version = version;
    m.version_text = files.name.version_text;
    m.name = files.name.name;
    if (files.both) {
      m.up_path = *files.both;
      m.up_text = read_text(m.up_path);
      m.up_sql = up_migration_text(m.up_text);
      m.down_path = m.up_path;
      m.down_sql = down_migration_text(m.up_text);
    } else if (files.up) {
      m.up_path = *files.up;
      m.up_text = read_text(m.up_path);
      m.up_sql = m.up_text;
      if (files.down) {
        m.down_path = *files.down;
        m.down_sql = read_text(m.down_path);
      }
    } else {
      throw soong::error(fmt::format("{}: a down migration without its up file ({}.up.sql)",
                                     files.down->string(), m.label()));
    }
    m.tokens = checksum_tokens(m.up_sql);
    m.checksum = checksum_over(m.tokens);
    m.down_tokens = checksum_tokens(m.down_sql);
    m.down_checksum = checksum_over(m.down_tokens);
    m.has_down = !m.down_tokens.empty();
    m.directives = read_migration_directives(m.up_text);
    out.push_back(std::move(m));
  }
  return out;
}

fs::path migrations_dir(const std::optional<std::string>& dir_option) {
  if (dir_option && !dir_option->empty()) return *dir_option;
  const char* env = std::getenv("SOONG_MIGRATIONS_DIR");
  if (env != nullptr && *env != '\0') return env;
  return "migrations";
}

std::string utc_timestamp_version() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y%m%d%H%M%S}", now);
}

fs::path write_new_migration(const fs::path& dir, const std::string& name) {
  const bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!valid) {
    throw soong::error(fmt::format(
        "migration name '{}': use lower-case letters, digits and `_` (add_bio_to_users)", name));
  }
  std::uint64_t version = std::stoull(utc_timestamp_version());
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    for (const migration& m : read_migration_folder(dir)) {
      if (m.version_text.size() != 14) {
        throw soong::error(fmt::format(
            "{}: the folder's versions have {} digits; `new` writes 14-digit UTC timestamps",
            m.up_path.string(), m.version_text.size()));
      }
      version = std::max(version, m.version + 1);
    }
  } else {
    fs::create_directories(dir);
  }
  const fs::path path = dir / fmt::format("{}_{}.sql", version, name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << "-- migrate:up\n\n\n-- migrate:down\n\n";
  if (!out) throw soong::error(fmt::format("{}: cannot write the file", path.string()));
  return path;
}

}  // namespace soong::gen::lifecycle
