#pragma once
// `soong doctor`: what a connection made the way the runtime makes it actually gets: the
// effective settings (password redacted), libpq and server versions, TLS, RDS IAM, the
// statement cache mode, and whether a pooler sits in between.

#include <ostream>

#include "driver/subcommand.hpp"
#include "lifecycle/database_target.hpp"

namespace soong::gen::lifecycle {

/// Connects to `target` and writes one `name: value` line per finding to `out`. Returns 0, or
/// 2 (with the reason on `err`) when it cannot connect.
int run_doctor(const database_target& target, std::ostream& out, std::ostream& err);

/// Registers `soong doctor [--database-url URL | --url-env NAME]` on `app`.
[[nodiscard]] registered_subcommand add_doctor_subcommand(CLI::App& app);

}  // namespace soong::gen::lifecycle
