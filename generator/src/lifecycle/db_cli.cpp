#include "lifecycle/db_cli.hpp"

#include <algorithm>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "driver/command_line_secrets.hpp"
#include "lifecycle/db_commands.hpp"
#include "lifecycle/production_guard.hpp"
#include "lifecycle/psql_launch.hpp"

namespace soong::gen {
namespace {

using lifecycle::db_options;

/// The state behind the command line: what CLI11 fills in, and the format as text.
struct db_state {
  db_options options;
  std::string format = "text";
  lifecycle::migration_hooks hooks;
};

void add_target_options(CLI::App& cmd, db_state& state) {
  cmd.add_option("--database-url", state.options.target.database_url,
                 "the server and database (URL or conninfo); default: DATABASE_URL, "
                 "CONNECTION_URL, PG_HOST/PG_PORT/PG_DBNAME/PG_USER/PG_PASSWORD, libpq's PG*");
  cmd.add_option("--url-env", state.options.target.url_env,
                 "read the URL from this environment variable instead");
  cmd.add_option("--format", state.format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

void add_allow_production(CLI::App& cmd, db_state& state) {
  cmd.add_flag(std::string(lifecycle::allow_production_flag), state.options.allow_production,
               "allow this on a database recorded as production");
}

void add_env(CLI::App& cmd, db_state& state) {
  cmd.add_option("--env", state.options.environment,
                 "environment recorded in the database at its first schema load (default: "
                 "SOONG_ENV, else development)");
}

void add_schema(CLI::App& cmd, db_state& state) {
  cmd.add_option("--schema", state.options.schema,
                 "schema .sql file or migrations folder (default: db/schema.sql, "
                 "sql/schema.sql, schema.sql, db/migrations, migrations)");
}

void add_seed(CLI::App& cmd, db_state& state, const std::string& flag) {
  cmd.add_option(flag, state.options.seed_file,
                 "seed .sql file (default: db/seed.sql, else sql/seed.sql)");
}

/// One line, whatever the message (libpq's connection errors span lines).
std::string one_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::string line;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      line += text[i];
      continue;
    }
    line += "; ";
    while (i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t')) ++i;
  }
  return line;
}

}  // namespace

registered_subcommand add_db_subcommand(CLI::App& app, lifecycle::migration_hooks hooks) {
  auto state = std::make_shared<db_state>();
  state->hooks = std::move(hooks);
  db_state& s = *state;

  CLI::App* db = app.add_subcommand("db", "create, load, seed, inspect and drop the database");
  db->require_subcommand(1);

  CLI::App* url = db->add_subcommand("url", "show the resolved settings (password redacted)");
  add_target_options(*url, s);

  CLI::App* wait = db->add_subcommand("wait", "wait until the server accepts connections");
  add_target_options(*wait, s);
  wait->add_option("--timeout", s.options.timeout, "give up after this long (e.g. 30s, 2m)")
      ->capture_default_str();

  CLI::App* create = db->add_subcommand("create", "create the database");
  add_target_options(*create, s);
  create->add_flag("--if-not-exists", s.options.if_not_exists, "succeed when it already exists");

  CLI::App* drop = db->add_subcommand("drop", "drop the database");
  add_target_options(*drop, s);
  add_allow_production(*drop, s);
  drop->add_flag("--force", s.options.force, "end its open sessions first");
  drop->add_flag("--if-exists", s.options.if_exists, "succeed when it does not exist");

  CLI::App* sessions = db->add_subcommand("sessions", "list the database's other sessions");
  add_target_options(*sessions, s);

  CLI::App* kill = db->add_subcommand("kill", "end sessions of the database (never this one)");
  add_target_options(*kill, s);
  add_allow_production(*kill, s);
  CLI::Option* all = kill->add_flag("--all", s.options.kill_all, "every other session");
  CLI::Option* pid = kill->add_option("--pid", s.options.kill_pid, "the session with this pid");
  CLI::Option* idle = kill->add_option("--idle-for", s.options.idle_for,
                                       "sessions idle at least this long (e.g. 10m)");
  all->excludes(pid, idle);
  pid->excludes(idle);

  CLI::App* schema_load =
      db->add_subcommand("schema-load", "load the schema into the database in one transaction");
  add_target_options(*schema_load, s);
  add_allow_production(*schema_load, s);
  add_env(*schema_load, s);
  add_schema(*schema_load, s);
  schema_load->add_flag("--replace", s.options.replace,
                        "drop the database's existing schemas first");

  CLI::App* seed = db->add_subcommand("seed", "run the seed file in one transaction");
  add_target_options(*seed, s);
  add_seed(*seed, s, "--file");

  CLI::App* setup = db->add_subcommand("setup", "create the database, load the schema, seed");
  add_target_options(*setup, s);
  add_env(*setup, s);
  add_schema(*setup, s);
  add_seed(*setup, s, "--seed");

  CLI::App* reset = db->add_subcommand("reset", "drop the database (--force), then setup");
  add_target_options(*reset, s);
  add_allow_production(*reset, s);
  add_env(*reset, s);
  add_schema(*reset, s);
  add_seed(*reset, s, "--seed");

  CLI::App* connect =
      db->add_subcommand("connect", "run psql on the database (arguments after -- go to psql)");
  connect->add_option("--database-url", s.options.target.database_url,
                      "the server and database (URL or conninfo)");
  connect->add_option("--url-env", s.options.target.url_env,
                      "read the URL from this environment variable instead");
  connect->add_option("psql-arguments", s.options.psql_arguments, "passed to psql (after --)");

  // Each subcommand and what it runs; the run below finds the one given.
  using lifecycle::output_format;
  const std::vector<std::pair<CLI::App*, std::function<int()>>> commands = {
      {url, [&s] { return lifecycle::run_url(s.options, std::cout); }},
      {wait, [&s] { return lifecycle::run_wait(s.options, std::cout); }},
      {create, [&s] { return lifecycle::run_create(s.options, std::cout); }},
      {drop, [&s] { return lifecycle::run_drop(s.options, std::cout); }},
      {sessions, [&s] { return lifecycle::run_sessions(s.options, std::cout); }},
      {kill, [&s] { return lifecycle::run_kill(s.options, std::cout); }},
      {schema_load,
       [&s] { return lifecycle::run_schema_load(s.options, s.hooks, std::cout, std::cerr); }},
      {seed, [&s] { return lifecycle::run_seed(s.options, s.hooks, std::cout, std::cerr); }},
      {setup, [&s] { return lifecycle::run_setup(s.options, s.hooks, std::cout, std::cerr); }},
      {reset, [&s] { return lifecycle::run_reset(s.options, s.hooks, std::cout, std::cerr); }},
      {connect,
       [&s] {
         const auto target = lifecycle::database_target::resolve(s.options.target);
         lifecycle::exec_psql(lifecycle::psql_for(target, s.options.psql_arguments));
         return 2;
       }},
  };

  // Unknown arguments are reported by the run below, in one line like every other error.
  for (const auto& [command, run] : commands) command->allow_extras();

  registered_subcommand registered;
  registered.command = db;
  registered.run = [state, commands, connect]() -> int {
    state->options.format = state->format == "json" ? output_format::json : output_format::text;
    for (const auto& [command, run] : commands) {
      if (!command->parsed()) continue;
      std::vector<std::string> unknown = command->remaining();
      // CLI11 keeps the `--` before connect's psql arguments among the unparsed ones.
      if (command == connect) std::erase(unknown, "--");
      if (!unknown.empty()) {
        std::cerr << "soong db " << command->get_name() << ": error: unknown argument '"
                  << without_command_line_secrets(unknown.front()) << "' (see soong db "
                  << command->get_name() << " --help)\n";
        return 2;
      }
      try {
        return run();
      } catch (const std::exception& e) {
        std::cout.flush();
        std::cerr << "soong db " << command->get_name() << ": error: " << one_line(e.what())
                  << "\n";
        return 2;
      }
    }
    return 2;
  };
  return registered;
}

}  // namespace soong::gen
