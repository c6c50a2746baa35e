#pragma once
// Positions inside SQL text sent to PostgreSQL. The server reports error positions as 1-based
// CHARACTER (code point) positions in the string it was sent (PG_DIAG_STATEMENT_POSITION,
// https://www.postgresql.org/docs/15/protocol-error-fields.html), while files are indexed in
// bytes and shown as line:column (diag's byte_offset_of_position converts the former). Internal
// to the oracle stage.

#include <cstddef>
#include <string_view>

#include "oracle/oracle_error.hpp"

namespace soong::gen::oracle_detail {

/// Byte offset of the first token in `text`: skips whitespace, `-- ...` and `/* ... */`
/// comments (nested, as PostgreSQL allows). Errors without a position point there, so a
/// statement-level error lands on the statement, not on the comment above it.
[[nodiscard]] std::size_t first_token_offset(std::string_view text);

/// The byte offset in `statement` (SQL text sent on its own) of the error the server reported at
/// `server_position` (1-based characters; 0 when the error has none: then the first token).
[[nodiscard]] std::size_t statement_error_offset(std::string_view statement, int server_position);

/// The position of byte `offset` of a chunk that starts at `chunk_start` in its file.
[[nodiscard]] file_position position_in_chunk(std::string_view chunk_text,
                                              const file_position& chunk_start, std::size_t offset);

}  // namespace soong::gen::oracle_detail
