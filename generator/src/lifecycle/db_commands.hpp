#pragma once
// The `soong db` commands: the development database's lifecycle (create, drop, load the
// schema, seed, inspect and end sessions, connect with psql), each printing one line per
// action. They throw soong::error for anything that stops them (exit code 2); db_cli.cpp
// prints it as one line.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "lifecycle/action_output.hpp"
#include "lifecycle/database_target.hpp"
#include "lifecycle/migration_hooks.hpp"

namespace soong::gen::lifecycle {

/// Everything the command line can set; each command reads the fields it documents.
struct db_options {
  target_options target;
  std::optional<std::string> environment;  // --env
  bool allow_production = false;
  output_format format = output_format::text;

  bool if_not_exists = false;               // create
  bool if_exists = false;                   // drop
  bool force = false;                       // drop
  bool replace = false;                     // schema-load
  std::optional<std::string> schema;        // schema-load, setup, reset
  std::optional<std::string> seed_file;     // seed, setup, reset
  bool kill_all = false;                    // kill
  std::optional<int> kill_pid;              // kill
  std::optional<std::string> idle_for;      // kill
  std::string timeout = "30s";              // wait
  std::vector<std::string> psql_arguments;  // connect
};

/// Where schema-load looks without `--schema`, in order.
inline constexpr const char* default_schema_paths[] = {"db/schema.sql", "sql/schema.sql",
                                                       "schema.sql", "db/migrations", "migrations"};
/// Where seed looks without `--file`, in order.
inline constexpr const char* default_seed_paths[] = {"db/seed.sql", "sql/seed.sql"};

/// Exit codes: 0 done; 2 an error the command reported itself (a schema diagnostic on `err`).
[[nodiscard]] int run_url(const db_options& options, std::ostream& out);
[[nodiscard]] int run_wait(const db_options& options, std::ostream& out);
[[nodiscard]] int run_create(const db_options& options, std::ostream& out);
[[nodiscard]] int run_drop(const db_options& options, std::ostream& out);
[[nodiscard]] int run_sessions(const db_options& options, std::ostream& out);
[[nodiscard]] int run_kill(const db_options& options, std::ostream& out);
[[nodiscard]] int run_schema_load(const db_options& options, const migration_hooks& hooks,
                                  std::ostream& out, std::ostream& err);
[[nodiscard]] int run_seed(const db_options& options, const migration_hooks& hooks,
                           std::ostream& out, std::ostream& err);
[[nodiscard]] int run_setup(const db_options& options, const migration_hooks& hooks,
                            std::ostream& out, std::ostream& err);
[[nodiscard]] int run_reset(const db_options& options, const migration_hooks& hooks,
                            std::ostream& out, std::ostream& err);
/// Replaces the process with psql (returns only on failure).
[[nodiscard]] int run_connect(const db_options& options);

}  // namespace soong::gen::lifecycle
