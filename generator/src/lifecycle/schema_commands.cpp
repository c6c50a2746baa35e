// The `soong db` commands that put SQL into the database: schema-load, seed, and the
// sequences built from them, setup and reset.

#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "diag/render.hpp"
#include "driver/inputs.hpp"
#include "file_text.hpp"
#include "lifecycle/database_admin.hpp"
#include "lifecycle/db_commands.hpp"
#include "lifecycle/production_guard.hpp"
#include "lifecycle/quiet_connection.hpp"
#include "lifecycle/sql_file_runner.hpp"
#include "lifecycle/user_schema.hpp"
#include "parse/schema_input.hpp"
#include "soong/connection.hpp"
#include "soong/error.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {
namespace {

/// The first of `candidates` that exists, for error messages listing them all.
template <std::size_t N>
std::optional<std::string> first_existing(const char* const (&candidates)[N]) {
  for (const char* path : candidates) {
    if (std::filesystem::exists(path)) return path;
  }
  return std::nullopt;
}

template <std::size_t N>
std::string joined(const char* const (&candidates)[N]) {
  std::string text;
  for (const char* path : candidates) text += (text.empty() ? "" : ", ") + std::string(path);
  return text;
}

std::string schema_path(const db_options& options) {
  if (options.schema) return *options.schema;
  if (auto found = first_existing(default_schema_paths)) return *found;
  throw soong::error(fmt::format("no schema found (looked for {}); pass --schema FILE|DIR",
                                 joined(default_schema_paths)));
}

/// The schema files to run, read before anything connects (a missing file changes nothing).
struct schema_input {
  std::string path;
  bool is_migrations = false;
  std::vector<sql_file> files;
};

schema_input read_schema(const std::string& path) {
  std::vector<input_error> errors;
  const run_inputs inputs = read_inputs({path}, {}, errors);
  if (!errors.empty()) throw soong::error(errors.front().message);
  std::vector<schema_file_text> texts;
  for (const input_file& f : inputs.schema_files) texts.push_back({f.path, f.text});
  const std::vector<schema_sql> selected =
      inputs.schema_is_migrations ? select_migration_sql(texts) : select_schema_sql(texts);
  schema_input schema{path, inputs.schema_is_migrations, {}};
  for (const schema_sql& s : selected) {
    if (!s.has_statements) continue;
    const auto original =
        std::find_if(texts.begin(), texts.end(), [&](const auto& t) { return t.path == s.path; });
    schema.files.push_back({s.path, original->text, s.sql});
  }
  return schema;
}

std::optional<std::string> seed_path(const db_options& options) {
  if (options.seed_file) return options.seed_file;
  return first_existing(default_seed_paths);
}

sql_file read_seed(const std::string& path) {
  std::optional<std::string> text = read_file_text(path);
  if (!text) throw soong::error("cannot read seed file " + path);
  return {display_path(path), *text, *text};
}

/// Runs `files` in one transaction on `conn` after `before` (inside it); commits only when
/// every statement succeeded. Returns the statements run, or prints the diagnostic and
/// returns nothing (the transaction rolled back: nothing changed).
template <class Before>
std::optional<std::size_t> run_all_or_nothing(connection& conn, const std::vector<sql_file>& files,
                                              std::ostream& err, std::string_view what,
                                              Before&& before) {
  execute_script(conn, "BEGIN");
  try {
    before();
    const sql_run_result run = run_in_transaction(conn.native_handle(), files);
    if (run.failure) {
      execute_script(conn, "ROLLBACK");
      err << render(*run.failure);
      err << fmt::format("soong db {}: stopped at the first error; nothing was changed\n", what);
      return std::nullopt;
    }
    return run.statements;
  } catch (...) {
    if (conn.is_open()) {
      try {
        execute_script(conn, "ROLLBACK");
      } catch (const std::exception&) {
        // The original error says more than the failed rollback.
      }
    }
    throw;
  }
}

int load_schema(const db_options& options, const migration_hooks& hooks, const schema_input& schema,
                std::ostream& out, std::ostream& err) {
  const database_target target = database_target::resolve(options.target);
  const std::string database = target.database_name();
  const std::string environment = environment_name(options.environment);
  if (schema.is_migrations && hooks.apply_migrations) {
    return hooks.apply_migrations({&target, schema.path, environment}, out);
  }
  connection conn = connect_quietly(target);
  const std::vector<std::string> tables = user_tables(conn);
  if (!tables.empty()) {
    if (!options.replace) {
      throw soong::error(fmt::format(
          "database \"{}\" already has tables ({}{}); pass --replace to drop them and load the "
          "schema again",
          database, tables.front(),
          tables.size() > 1 ? fmt::format(" and {} more", tables.size() - 1) : std::string()));
    }
    guard_production(conn, "run schema-load --replace", database, options.allow_production);
  }
  const std::optional<std::string> recorded_before = recorded_environment(conn);
  const std::optional<std::size_t> statements =
      run_all_or_nothing(conn, schema.files, err, "schema-load", [&] {
        if (!tables.empty()) drop_user_schemas(conn);
      });
  if (!statements) return 2;
  // The environment is recorded in the same transaction as the schema it comes with.
  record_environment(conn, environment);
  execute_script(conn, "COMMIT");

  action_output output(out, options.format);
  if (!tables.empty()) {
    output.line("schema-load", database,
                fmt::format("dropped the schema of database \"{}\" ({} table{})", database,
                            tables.size(), tables.size() == 1 ? "" : "s"),
                {{"replaced", true}});
  }
  output.line("schema-load", database,
              fmt::format("loaded {} into database \"{}\" ({} statement{})", schema.path, database,
                          *statements, *statements == 1 ? "" : "s"),
              {{"schema", schema.path}, {"statements", *statements}});
  if (!recorded_before) {
    output.line(
        "schema-load", database,
        fmt::format("recorded database \"{}\" as environment \"{}\"", database, environment),
        {{"environment", environment}});
  }
  return 0;
}

int seed(const db_options& options, const migration_hooks& hooks, const sql_file& file,
         std::ostream& out, std::ostream& err) {
  const database_target target = database_target::resolve(options.target);
  const std::string database = target.database_name();
  connection conn = connect_quietly(target);
  if (hooks.pending_migrations) {
    // setup and reset name the folder with --schema; seed leaves it to the runner.
    const std::optional<std::string> folder =
        options.schema && std::filesystem::is_directory(*options.schema) ? options.schema
                                                                         : std::nullopt;
    const std::vector<std::string> pending = hooks.pending_migrations(target, folder);
    if (!pending.empty()) {
      throw soong::error(fmt::format(
          "database \"{}\" has {} pending migration{} (first: {}); run soong migrate up before "
          "seeding",
          database, pending.size(), pending.size() == 1 ? "" : "s", pending.front()));
    }
  }
  const std::optional<std::size_t> statements =
      run_all_or_nothing(conn, {file}, err, "seed", [] {});
  if (!statements) return 2;
  execute_script(conn, "COMMIT");
  action_output output(out, options.format);
  output.line("seed", database,
              fmt::format("seeded database \"{}\" from {} ({} statement{})", database, file.path,
                          *statements, *statements == 1 ? "" : "s"),
              {{"file", file.path}, {"statements", *statements}});
  return 0;
}

}  // namespace

int run_schema_load(const db_options& options, const migration_hooks& hooks, std::ostream& out,
                    std::ostream& err) {
  return load_schema(options, hooks, read_schema(schema_path(options)), out, err);
}

int run_seed(const db_options& options, const migration_hooks& hooks, std::ostream& out,
             std::ostream& err) {
  const std::optional<std::string> path = seed_path(options);
  if (!path) {
    throw soong::error(fmt::format("no seed file found (looked for {}); pass --file FILE",
                                   joined(default_seed_paths)));
  }
  return seed(options, hooks, read_seed(*path), out, err);
}

int run_setup(const db_options& options, const migration_hooks& hooks, std::ostream& out,
              std::ostream& err) {
  // Every file is read first: a missing one stops setup before the database is created.
  const schema_input schema = read_schema(schema_path(options));
  const std::optional<std::string> seed_file_path = seed_path(options);
  const std::optional<sql_file> seed_file =
      seed_file_path ? std::optional(read_seed(*seed_file_path)) : std::nullopt;

  db_options create = options;
  create.if_not_exists = true;
  if (const int code = run_create(create, out); code != 0) return code;
  db_options load = options;
  load.replace = false;
  if (const int code = load_schema(load, hooks, schema, out, err); code != 0) return code;
  if (!seed_file) {
    action_output(out, options.format)
        .line("seed", database_target::resolve(options.target).database_name(),
              fmt::format("no seed file ({}); nothing seeded", joined(default_seed_paths)),
              {{"file", nullptr}});
    return 0;
  }
  return seed(options, hooks, *seed_file, out, err);
}

int run_reset(const db_options& options, const migration_hooks& hooks, std::ostream& out,
              std::ostream& err) {
  // Read the files before dropping anything: a typo in --schema must not cost the database.
  static_cast<void>(read_schema(schema_path(options)));
  if (const std::optional<std::string> path = seed_path(options)) {
    static_cast<void>(read_seed(*path));
  }
  db_options drop = options;
  drop.force = true;
  drop.if_exists = true;
  if (const int code = run_drop(drop, out); code != 0) return code;
  return run_setup(options, hooks, out, err);
}

}  // namespace soong::gen::lifecycle
