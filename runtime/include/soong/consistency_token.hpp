#pragma once
// soong::consistency_token: a position in the primary's write-ahead log, for reading your own
// writes from a replica (docs/replicas.md).

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace soong {

/// Where the primary's WAL stood after a write committed (`pg_current_wal_insert_lsn()`, which
/// is past the commit record even with `synchronous_commit = off`, where the commit may not be
/// written yet when the client hears of it). A replica
/// whose `pg_last_wal_replay_lsn()` is at least this far has replayed the write. Its text form
/// is PostgreSQL's `pg_lsn` text (`16/B374D848`), safe in a cookie or an HTTP header; an empty
/// token (the default) asks for nothing.
class consistency_token {
 public:
  consistency_token() = default;
  explicit consistency_token(std::uint64_t lsn) noexcept : lsn_(lsn) {}

  /// Reads the text form (`X/X`, hexadecimal, as PostgreSQL prints a pg_lsn); "" is the empty
  /// token. Throws soong::error for anything else (the text usually comes from a client).
  [[nodiscard]] static consistency_token parse(std::string_view text);

  /// The text form; "" for the empty token.
  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] std::uint64_t lsn() const noexcept { return lsn_; }
  [[nodiscard]] bool empty() const noexcept { return lsn_ == 0; }

  friend auto operator<=>(const consistency_token&, const consistency_token&) = default;

 private:
  std::uint64_t lsn_ = 0;
};

}  // namespace soong
