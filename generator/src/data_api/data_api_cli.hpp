#pragma once
// `soong data-api serve`: runs the Data API emulator (data_api/emulator.hpp) until interrupted.

#include <CLI/CLI.hpp>

#include "driver/subcommand.hpp"

namespace soong::gen {

[[nodiscard]] registered_subcommand add_data_api_subcommand(CLI::App& app);

}  // namespace soong::gen
