#pragma once
// What a migration runner needs to know about one migration's SQL, read from PostgreSQL's own
// scanner and parser: the version in its file name, its directives, the statements it runs, the
// tokens its checksum is computed over, and whether it can run inside a transaction.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soong::gen {

/// The version and name in a migration file name: `20240102030405_add_bio.sql`,
/// `00012_add_bio.sql` (goose), `3_add_bio.up.sql` / `3_add_bio.down.sql` (golang-migrate,
/// sqlx). nullopt when the name does not start with digits followed by `_`.
struct migration_file_name {
  std::uint64_t version = 0;
  std::string version_text;  // the digits as written, for width checks and messages
  std::string name;          // between the `_` and the extension
  enum class part { both, up, down } part = part::both;
};
[[nodiscard]] std::optional<migration_file_name> parse_migration_file_name(
    std::string_view file_name);

/// What a file's comments ask of the runner.
struct migration_directives {
  /// `-- migrate:no-transaction`, dbmate's `-- migrate:up transaction:false`, or goose's
  /// `-- +goose NO TRANSACTION`.
  bool no_transaction = false;
  /// `-- migrate:lock_timeout 10s`: the lock_timeout for this file's statements.
  std::optional<std::string> lock_timeout;
};
[[nodiscard]] migration_directives read_migration_directives(std::string_view text);

/// The tokens a migration's checksum covers: every token but comments, keywords and unquoted
/// identifiers lower-cased (PostgreSQL folds them), so comment, whitespace, line-ending and
/// keyword-case edits keep the checksum while any change PostgreSQL would see does not.
struct checksum_token {
  std::string text;
  std::size_t offset = 0;  // byte offset in the scanned text
};
[[nodiscard]] std::vector<checksum_token> checksum_tokens(std::string_view sql);

/// One statement of a migration: [begin, end) bytes of the text, ending with its `;` if any.
struct migration_statement {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// A migration's statements and whether they can run in one transaction.
struct migration_analysis {
  std::vector<migration_statement> statements;
  /// Why the statements cannot run inside a transaction block ("CREATE INDEX CONCURRENTLY at
  /// line 3"), empty when they can.
  std::string needs_no_transaction;
  /// The byte offset of that statement.
  std::size_t needs_no_transaction_at = 0;
  /// A transaction control statement (BEGIN, COMMIT, ROLLBACK, ...) at this byte offset: in a
  /// file that runs in a transaction it would end the runner's transaction early.
  std::optional<std::size_t> transaction_control_at;
  /// A syntax error (message and byte offset), when PostgreSQL's parser rejects the text.
  std::optional<std::string> syntax_error;
  std::size_t syntax_error_at = 0;
};

/// Analyses `sql` (a migration's up or down part) for a server of `server_version_num`
/// (PQserverVersion: 150004), which decides whether ALTER TYPE ... ADD VALUE needs to run
/// outside a transaction (before PostgreSQL 12).
[[nodiscard]] migration_analysis analyse_migration_sql(std::string_view sql,
                                                       int server_version_num);

}  // namespace soong::gen
