#pragma once
// Query files must be UTF-8 without NUL bytes, as PostgreSQL requires of query text in a UTF8
// database. libpg_query does not check: it stops at a NUL (silently dropping the rest of the
// file) and copies invalid bytes into its JSON output, which then does not parse.

#include <cstddef>
#include <optional>
#include <string_view>

namespace soong::gen {

/// Byte offset of the first byte of `text` that does not start a well-formed UTF-8 sequence
/// (overlong forms, surrogates and code points above U+10FFFF are ill-formed), or of the first
/// NUL; nullopt when there is none.
[[nodiscard]] std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace soong::gen
