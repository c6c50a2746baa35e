#pragma once
// The `soong crud` subcommand's command line (its work is driver/crud_command.hpp).

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "driver/commands.hpp"

namespace soong::gen {

/// What `soong crud` was given.
struct crud_cli_options {
  input_options in;
  std::vector<std::string> emit_sql;  // tables
  std::string out_file;
};

/// Adds `soong crud` to `app`; returns it (parsed() says whether it ran).
CLI::App* add_crud_subcommand(CLI::App& app, crud_cli_options& options);

/// Runs `soong crud` as parsed.
int run_crud_subcommand(const crud_cli_options& options);

}  // namespace soong::gen
