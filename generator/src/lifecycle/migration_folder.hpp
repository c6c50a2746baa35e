#pragma once
// A migrations folder as the runner sees it: one entry per version, in version order, with the
// up and down SQL (schema_input's section readers, so `soong generate --schema` and the runner
// read a file the same way) and the file's directives. Every rule about the folder itself is
// checked here: names, duplicate versions, mixed version widths.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "parse/migration_sql.hpp"

namespace soong::gen::lifecycle {

/// One migration: a dbmate/goose file with both parts, or a golang-migrate/sqlx
/// `.up.sql` (+ optional `.down.sql`) pair.
struct migration {
  std::uint64_t version = 0;
  std::string version_text;
  std::string name;
  /// The file holding the up part, and its full text (offsets in up_sql are offsets in it).
  std::filesystem::path up_path;
  std::string up_text;
  /// The SQL to run going up / down: same length and lines as the file it comes from, with
  /// the other sections blanked.
  std::string up_sql;
  std::string down_sql;
  /// The file holding the down part (up_path for a file with both sections).
  std::filesystem::path down_path;
  bool has_down = false;
  migration_directives directives;
  /// The checksum the runner records and compares (hex SHA-256 over up_sql's tokens).
  std::string checksum;
  std::vector<checksum_token> tokens;
  /// The same over down_sql's tokens, recorded separately: the down part is what a rollback
  /// runs, so an edit to it after the migration was applied is a change too.
  std::string down_checksum;
  std::vector<checksum_token> down_tokens;

  /// `20240102030405_add_bio`, for output lines.
  [[nodiscard]] std::string label() const { return version_text + "_" + name; }
};

/// The migrations in `dir`, sorted by version. Throws soong::error, one line naming the file,
/// for a missing folder, a `.sql` file whose name has no version, a `.down.sql` without its
/// up file, two files with the same version, or versions of different widths.
[[nodiscard]] std::vector<migration> read_migration_folder(const std::filesystem::path& dir);

/// The folder a command uses: `--dir`, else SOONG_MIGRATIONS_DIR, else `migrations`.
[[nodiscard]] std::filesystem::path migrations_dir(const std::optional<std::string>& dir_option);

/// `YYYYMMDDHHMMSS` for the current UTC time.
[[nodiscard]] std::string utc_timestamp_version();

/// Writes `<version>_<name>.sql` with `-- migrate:up` and `-- migrate:down` sections in `dir`
/// (created when missing); the version is the UTC time, or one more than the newest existing
/// version when that is not later. Returns the path. Throws soong::error for a name that is
/// not lower-case letters, digits and `_`.
[[nodiscard]] std::filesystem::path write_new_migration(const std::filesystem::path& dir,
                                                        const std::string& name);

}  // namespace soong::gen::lifecycle
