#pragma once
// The nine query commands (`-- name: GetUser :one`) and what each means, in one table: its
// name, whether it reads rows, whether it runs for a span of parameter items, whether it uses
// libpq's pipeline mode, and what the generated function does. Every stage asks this table
// instead of listing commands itself.

#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace soong::gen {

/// The query annotation's command, e.g. `:one`.
enum class command {
  one,
  many,
  exec,
  execrows,
  execresult,
  copyfrom,
  batchexec,
  batchone,
  batchmany
};

/// One row of the command table.
struct command_info {
  command cmd;
  /// The annotation without its colon, as `soong describe` prints it: "one".
  std::string_view name;
  /// Reads a result set, so the query must return columns.
  bool returns_rows;
  /// The generated function takes a span of parameter items and runs the query once per item.
  bool takes_items;
  /// Runs in libpq's pipeline mode: all items in one round trip.
  bool pipelined;
  /// Also gets a `_json` variant that returns the rows as JSON text built by PostgreSQL.
  bool json_variant;
  /// The first sentence of the generated function's doc comment: what a caller gets back.
  std::string_view description;
};

// clang-format off
inline constexpr std::array<command_info, 9> command_table{{
  // cmd                  name          rows   items  pipe   json
  {command::one,        "one",        true,  false, false, true,
   "The first row, or an empty optional when there is none"},
  {command::many,       "many",       true,  false, false, true,
   "All rows"},
  {command::exec,       "exec",       false, false, false, false,
   "Runs the statement"},
  {command::execrows,   "execrows",   false, false, false, false,
   "Runs the statement; returns the number of rows it affected"},
  {command::execresult, "execresult", false, false, false, false,
   "Runs the statement; returns its result (affected_rows(), command_tag())"},
  {command::copyfrom,   "copyfrom",   false, true,  false, false,
   "Inserts all items with one binary COPY (all or nothing); returns the rows copied"},
  {command::batchexec,  "batchexec",  false, true,  true,  false,
   "Runs the statement once per item, in one round trip (libpq pipeline)"},
  {command::batchone,   "batchone",   true,  true,  true,  false,
   "Runs the query once per item, in one round trip; per item its first row, if any"},
  {command::batchmany,  "batchmany",  true,  true,  true,  false,
   "Runs the query once per item, in one round trip; per item all its rows"},
}};
// clang-format on

/// The table row of `c`.
[[nodiscard]] const command_info& info(command c);

/// "one", "many", ... (the annotation without its colon).
[[nodiscard]] std::string_view to_string(command c);
/// Inverse of to_string; nullopt for an unknown word (names are case-sensitive).
[[nodiscard]] std::optional<command> command_from_string(std::string_view word);

}  // namespace soong::gen
