#pragma once
// The one message for a command line CLI11 rejects, whichever command it belongs to: one line
// naming the command and what was wrong with it, exit code 2. CLI11's own report spans two
// lines and says "a subcommand is required" even when the user typed one it does not know.

#include <CLI/CLI.hpp>
#include <iosfwd>

namespace soong::gen {

/// Reports `e`, thrown by `app.parse`, on `err` (help and version go to standard output as
/// CLI11 prints them). Returns the exit code: 0 for --help/--version, else 2.
[[nodiscard]] int report_usage_error(const CLI::App& app, const CLI::ParseError& e,
                                     std::ostream& err);

}  // namespace soong::gen
