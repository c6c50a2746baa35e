// The `soong migrate` command family: options, and the one-line error and exit code contract
// (0 done, 1 pending work or a difference found, 2 an error that changed nothing).

#include "lifecycle/migrate_cli.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "lifecycle/migration_check.hpp"
#include "lifecycle/migration_runner.hpp"
#include "lifecycle/production_guard.hpp"
#include "lifecycle/runner_lock.hpp"
#include "lifecycle/schema_dump.hpp"
#include "soong/error.hpp"

namespace soong::gen::lifecycle {

namespace {

/// Everything any migrate subcommand reads; only the parsed subcommand's options are set.
struct migrate_cli_options {
  std::optional<std::string> dir;
  target_options target;
  std::optional<std::string> env;
  std::string lock_timeout = "60s";
  std::string lock_mode_name = "session";
  std::string statement_lock_timeout = "5s";
  bool allow_out_of_order = false;
  bool ignore_missing = false;
  bool allow_production = false;

  std::string name;  // new
  std::optional<std::string> to;
  bool dry_run = false;
  bool resume = false;
  std::optional<int> steps;
  std::string format = "text";
  std::string version;              // repair
  std::string from;                 // adopt
  std::vector<std::string> schema;  // check
  std::vector<std::string> schema_names = {"public"};
  std::vector<std::string> queries;  // compat
  std::string previous;
};

void add_folder_option(CLI::App& cmd, migrate_cli_options& o) {
  cmd.add_option("--dir", o.dir,
                 "migrations folder (default: SOONG_MIGRATIONS_DIR, else migrations/)");
}

void add_database_options(CLI::App& cmd, migrate_cli_options& o) {
  add_folder_option(cmd, o);
  cmd.add_option("--database-url", o.target.database_url,
                 "the database (default: DATABASE_URL, CONNECTION_URL, PG_HOST..., libpq PG*)");
  cmd.add_option("--url-env", o.target.url_env, "read the database URL from this variable");
  cmd.add_option(
      "--env", o.env,
      "environment recorded at the first migration (default SOONG_ENV, else development)");
  cmd.add_option("--lock-timeout", o.lock_timeout,
                 "how long to wait for another runner's lock (500ms, 2s, 1min)")
      ->capture_default_str();
  cmd.add_option("--lock-mode", o.lock_mode_name,
                 "session: one lock on a dedicated connection; transaction: a lock per "
                 "migration, for transaction poolers")
      ->check(CLI::IsMember({"session", "transaction"}))
      ->capture_default_str();
  cmd.add_option("--statement-lock-timeout", o.statement_lock_timeout,
                 "lock_timeout a migration's statements run under (a file's "
                 "`-- migrate:lock_timeout` wins)")
      ->capture_default_str();
  cmd.add_flag("--allow-out-of-order", o.allow_out_of_order,
               "apply pending migrations older than the newest applied one");
  cmd.add_flag("--ignore-missing", o.ignore_missing,
               "go on when an applied migration's file is gone");
}

runner_options runner_options_from(const migrate_cli_options& o) {
  runner_options r;
  r.dir = migrations_dir(o.dir);
  r.lock = o.lock_mode_name == "transaction" ? lock_mode::transaction : lock_mode::session;
  r.lock_wait = parse_duration(o.lock_timeout, "--lock-timeout");
  r.statement_lock_timeout = o.statement_lock_timeout;
  r.rules.allow_out_of_order = o.allow_out_of_order;
  r.rules.ignore_missing = o.ignore_missing;
  r.rules.resume = o.resume;
  r.environment = environment_name(o.env);
  return r;
}

/// Messages from libpq can span lines; every error here is one line.
std::string one_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "; ";
    } else if (c != '\t' && c != '\r') {
      out += c;
    }
  }
  return out;
}

int run_migrate(CLI::App& migrate, const migrate_cli_options& o) {
  CLI::App* sub = migrate.get_subcommands().empty() ? nullptr : migrate.get_subcommands().front();
  const std::string name = sub != nullptr ? sub->get_name() : "";
  try {
    if (name == "new") {
      std::cout << "created " << write_new_migration(migrations_dir(o.dir), o.name).string()
                << "\n";
      return 0;
    }
    if (name == "check") {
      check_options check;
      check.dir = migrations_dir(o.dir);
      check.schema = o.schema;
      check.schema_names = o.schema_names;
      return run_migrate_check(check, std::cout);
    }
    if (name == "compat") {
      compat_options compat;
      compat.dir = migrations_dir(o.dir);
      compat.queries = o.queries;
      compat.previous_root = o.previous;
      return run_migrate_compat(compat, std::cout);
    }
    migration_runner runner(database_target::resolve(o.target), runner_options_from(o), std::cout,
                            std::cerr);
    if (name == "up") {
      up_options up;
      if (o.to) up.to = parse_version(*o.to, "--to");
      up.dry_run = o.dry_run;
      static_cast<void>(runner.up(up));
      return 0;
    }
    if (name == "down") {
      if (o.steps && o.to) throw soong::error("--steps and --to: give one of them");
      down_options down;
      if (o.steps) {
        if (*o.steps < 1) throw soong::error("--steps: at least 1");
        down.steps = *o.steps;
      }
      if (o.to) down.to = parse_version(*o.to, "--to");
      down.allow_production = o.allow_production;
      static_cast<void>(runner.down(down));
      return 0;
    }
    if (name == "redo") {
      runner.redo(o.allow_production);
      return 0;
    }
    if (name == "status") return runner.status(o.format == "json");
    if (name == "verify") return runner.verify();
    if (name == "repair") {
      runner.repair(parse_version(o.version, "--version"));
      return 0;
    }
    if (name == "adopt") {
      static_cast<void>(runner.adopt(o.from));
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "soong migrate " << name << ": error: " << one_line(e.what()) << "\n";
    return 2;
  }
  std::cerr << "soong migrate: a subcommand is required: new, up, down, redo, status, verify, "
               "repair, adopt, check, compat\n";
  return 2;
}

}  // namespace

registered_subcommand add_migrate_subcommand(CLI::App& app) {
  auto options = std::make_shared<migrate_cli_options>();
  migrate_cli_options& o = *options;
  CLI::App* migrate = app.add_subcommand(
      "migrate", "apply and roll back the migrations folder (exit 0 done, 1 pending, 2 error)");
  migrate->require_subcommand(1);

  CLI::App* create = migrate->add_subcommand("new", "write YYYYMMDDHHMMSS_NAME.sql (UTC)");
  create->add_option("name", o.name, "lower-case words joined by _")->required();
  add_folder_option(*create, o);

  CLI::App* up = migrate->add_subcommand("up", "apply pending migrations");
  add_database_options(*up, o);
  up->add_option("--to", o.to, "stop after this version");
  up->add_flag("--dry-run", o.dry_run, "print what would be applied; change nothing");
  up->add_flag("--resume", o.resume,
               "continue a non-transactional migration after the statement that failed");

  CLI::App* down = migrate->add_subcommand("down", "roll back applied migrations (default: one)");
  add_database_options(*down, o);
  down->add_option("--steps", o.steps, "roll back this many");
  down->add_option("--to", o.to, "roll back every migration newer than this version");
  down->add_flag("--allow-production", o.allow_production,
                 "roll back on a database recorded as production");

  CLI::App* redo =
      migrate->add_subcommand("redo", "roll back the newest migration and apply it again");
  add_database_options(*redo, o);
  redo->add_flag("--allow-production", o.allow_production,
                 "redo on a database recorded as production");

  CLI::App* status = migrate->add_subcommand(
      "status", "one line per migration: applied, pending, partial, changed, missing");
  add_database_options(*status, o);
  status->add_option("--format", o.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  CLI::App* verify = migrate->add_subcommand(
      "verify", "compare applied files with their recorded checksums (changes nothing)");
  add_database_options(*verify, o);

  CLI::App* repair = migrate->add_subcommand(
      "repair", "accept an intended edit of an applied migration (records its new checksum)");
  add_database_options(*repair, o);
  repair->add_option("--version", o.version, "the edited migration's version")->required();

  CLI::App* adopt = migrate->add_subcommand(
      "adopt", "import another tool's record of applied migrations into an empty ledger");
  add_database_options(*adopt, o);
  adopt->add_option("--from", o.from, "cruddur, dbmate, goose, golang-migrate or sqlx")
      ->required()
      ->check(CLI::IsMember({"cruddur", "dbmate", "goose", "golang-migrate", "sqlx"}));

  CLI::App* check = migrate->add_subcommand(
      "check",
      "on a throwaway server: the folder builds the same catalog as --schema, and every down "
      "section restores the catalog (exit 1 on differences)");
  add_folder_option(*check, o);
  check->add_option("--schema", o.schema, "schema .sql file or folder to agree with (repeatable)");
  check->add_option("--schema-name", o.schema_names,
                    "PostgreSQL schema to compare (repeatable; default public)");

  CLI::App* compat = migrate->add_subcommand(
      "compat",
      "on a throwaway server: the previous release's queries on the schema after the new "
      "migrations, this release's before them (exit 1 when a query would break)");
  add_folder_option(*compat, o);
  compat->add_option("--queries", o.queries, "annotated query file or folder (repeatable)")
      ->required();
  compat
      ->add_option("--previous", o.previous,
                   "the previous release's source tree (its --dir and --queries are read "
                   "there)")
      ->required();

  return {migrate, [migrate, options] { return run_migrate(*migrate, *options); }};
}

registered_subcommand add_schema_subcommand(CLI::App& app) {
  struct schema_options {
    std::string from_migrations;
    std::string output;
  };
  auto options = std::make_shared<schema_options>();
  CLI::App* schema = app.add_subcommand("schema", "the schema as one file");
  schema->require_subcommand(1);
  CLI::App* dump = schema->add_subcommand(
      "dump", "apply a migrations folder on a throwaway server and write the schema it builds");
  dump->add_option("--from-migrations", options->from_migrations, "the migrations folder")
      ->required();
  dump->add_option("-o,--output", options->output, "file to write (default: standard output)");
  return {schema, [options] {
            try {
              const std::string text = dump_schema_from_migrations(options->from_migrations);
              if (options->output.empty()) {
                std::cout << text;
                return 0;
              }
              std::ofstream out(options->output, std::ios::binary | std::ios::trunc);
              out << text;
              if (!out) throw soong::error(options->output + ": cannot write the file");
              std::cout << "wrote " << options->output << "\n";
              return 0;
            } catch (const std::exception& e) {
              std::cerr << "soong schema dump: error: " << one_line(e.what()) << "\n";
              return 2;
            }
          }};
}

}  // namespace soong::gen::lifecycle
