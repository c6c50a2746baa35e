// The `soong` command line: parses arguments and dispatches to driver/commands.hpp.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "data_api/data_api_cli.hpp"
#include "driver/commands.hpp"
#include "driver/crud_cli.hpp"
#include "driver/subcommand.hpp"
#include "driver/usage_error.hpp"
#include "embedded_server.hpp"
#include "lifecycle/db_cli.hpp"
#include "lifecycle/doctor.hpp"
#include "lifecycle/migrate_cli.hpp"
#include "lifecycle/runner_hooks.hpp"

namespace {

void add_input_options(CLI::App& cmd, soong::gen::input_options& in) {
  cmd.add_option("--schema", in.schema, "schema .sql file, or a migrations folder (repeatable)")
      ->required();
  cmd.add_option("--queries", in.queries, "annotated query file or folder (repeatable)")
      ->required();
  cmd.add_option("--database-url", in.database_url,
                 "type against this server (a scratch database is created and dropped) instead "
                 "of a throwaway PostgreSQL");
  cmd.add_option("--cache-dir", in.cache_dir, "typing result cache folder");
  cmd.add_flag("--no-cache", in.no_cache, "neither read nor write the typing result cache");
  cmd.add_flag("-v,--verbose", in.verbose, "say what is happening on stderr");
  cmd.add_option("--crud", in.crud_tables,
                 "[schema.]table that gets typed CRUD functions (repeatable; docs/crud.md)");
}

void add_output_options(CLI::App& cmd, soong::gen::output_options& out) {
  cmd.add_option("--out", out.out_dir, "output folder")->required();
  cmd.add_option("--namespace", out.namespace_name, "C++ namespace of the generated code")
      ->capture_default_str();
  cmd.add_option("--base", out.base_dir,
                 "output paths mirror query paths relative to this folder (default: the common "
                 "folder of the query files)");
  cmd.add_option("--transports", out.transports,
                 "what the generated functions run over: libpq (always), data_api (also "
                 "overloads over the RDS Data API), comma-separated")
      ->delimiter(',')
      ->check(CLI::IsMember({"libpq", "data_api"}))
      ->capture_default_str();
  cmd.add_option("--json", out.json_twins,
                 "which :one/:many queries get a _json twin: reads (read-only statements), all, "
                 "or none; a query's `-- soong:json on|off` line overrides it")
      ->check(CLI::IsMember({"reads", "all", "none"}))
      ->capture_default_str();
  cmd.add_option("--prepare-all", out.prepare_all_target,
                 "also write TARGET.prepare_all.hpp/.cpp: prepare_all(conn) over every query "
                 "file and CRUD table of this run")
      ->type_name("TARGET")
      ->check(
          [](const std::string& target) {
            return target.empty() || target.find_first_of("/\\") != std::string::npos
                       ? std::string("a target name, not a path")
                       : std::string();
          },
          "TARGET");
}

}  // namespace

int main(int argc, char** argv) {
  soong::embedded::install_signal_cleanup();  // Ctrl-C must not leave a server behind

  CLI::App app{"soong: typed C++ from annotated PostgreSQL queries"};
  app.set_version_flag("--version", std::string("soong ") + SOONG_GENERATOR_VERSION);
  app.require_subcommand(1);

  soong::gen::input_options in;
  soong::gen::output_options out;
  std::string format = "json";

  auto* generate = app.add_subcommand("generate", "generate C++ from schema and queries");
  add_input_options(*generate, in);
  add_output_options(*generate, out);
  // For builds that split one run's outputs over several steps (the shared types, CRUD files,
  // query files); add_sql_queries() runs one step per target.
  generate->add_flag("--schema-header-only", out.schema_header_only,
                     "write only schema.hpp (no --queries needed)");
  generate->add_flag("--no-schema-header", out.no_schema_header, "do not write schema.hpp");
  generate->add_flag("--crud-only", out.crud_only, "write only the --crud tables' files");
  // A step that writes query files only is given the CRUD tables this way, so a query named
  // like a CRUD function is reported there.
  generate->add_option("--crud-elsewhere", out.crud_elsewhere,
                       "[schema.]table whose CRUD files another step writes: checked for name "
                       "clashes with these queries, not written (repeatable)");
  generate->get_option("--queries")->required(false);

  auto* check = app.add_subcommand(
      "check", "fail (exit 1) when the files in --out differ from what generate would write");
  add_input_options(*check, in);
  add_output_options(*check, out);
  std::string pooler = "none";
  check
      ->add_option("--pooler", pooler,
                   "also fail on queries that keep state in the server session, which a pooler in "
                   "this mode hands to other clients")
      ->check(CLI::IsMember({"transaction", "statement", "session", "none"}))
      ->capture_default_str();

  auto* describe = app.add_subcommand("describe", "print the query IR");
  add_input_options(*describe, in);
  describe->add_option("--format", format, "output format")
      ->check(CLI::IsMember({"json"}))
      ->capture_default_str();

  soong::gen::drift_cli_options drift_options;
  auto* drift = app.add_subcommand(
      "drift", "compare a live database with the schema (exit 0 equal, 1 drift, 2 error)");
  drift->add_option("--schema", drift_options.schema, "schema .sql file or migrations folder")
      ->required();
  drift->add_option("--database-url", drift_options.database_url, "the database to check")
      ->required();
  drift->add_option("--scratch-url", drift_options.scratch_url,
                    "apply the schema in a scratch database on this server instead of a "
                    "throwaway PostgreSQL");
  drift->add_option("--schema-name", drift_options.schema_names,
                    "PostgreSQL schema to compare (repeatable; default public)");
  drift->add_flag("--ignore-names", drift_options.ignore_names,
                  "match constraints and indexes by definition, not by name");
  drift->add_flag("--strict-order", drift_options.strict_order, "also compare column order");
  drift->add_option("--format", drift_options.format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  // vet's --database-url is the live database; the typing server is the usual one.
  std::string vet_url;
  auto* vet = app.add_subcommand(
      "vet", "prepare every query on a live database and compare with the generated types");
  vet->add_option("--schema", in.schema, "schema .sql file or migrations folder")->required();
  vet->add_option("--queries", in.queries, "annotated query file or folder")->required();
  vet->add_option("--database-url", vet_url, "the live database (only prepared on)")->required();
  vet->add_option("--cache-dir", in.cache_dir, "typing result cache folder");
  vet->add_flag("--no-cache", in.no_cache, "neither read nor write the typing result cache");
  vet->add_flag("-v,--verbose", in.verbose, "say what is happening on stderr");
  vet->add_option("--crud", in.crud_tables,
                  "[schema.]table with typed CRUD functions to check too (repeatable)");

  // Command families that register themselves (driver/subcommand.hpp).
  std::vector<soong::gen::registered_subcommand> families;
  families.push_back(soong::gen::add_db_subcommand(app, soong::gen::lifecycle::runner_hooks()));
  families.push_back(soong::gen::lifecycle::add_migrate_subcommand(app));
  families.push_back(soong::gen::lifecycle::add_schema_subcommand(app));
  families.push_back(soong::gen::add_data_api_subcommand(app));
  soong::gen::crud_cli_options crud_options;
  auto* crud = soong::gen::add_crud_subcommand(app, crud_options);
  families.push_back(soong::gen::lifecycle::add_doctor_subcommand(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return soong::gen::report_usage_error(app, e, std::cerr);
  }

  try {
    if (generate->parsed()) {
      if (!out.schema_header_only && !out.crud_only && in.queries.empty()) {
        std::cerr << "soong generate: --queries is required (or --schema-header-only, "
                     "--crud-only)\n";
        return 2;
      }
      // Saying what happens does not change what is written: -v keeps the outputs record.
      for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg != "-v" && arg != "--verbose") out.arguments.emplace_back(arg);
      }
      return soong::gen::run_generate(in, out);
    }
    if (check->parsed()) return soong::gen::run_check(in, out, pooler);
    if (describe->parsed()) return soong::gen::run_describe(in, format);
    if (drift->parsed()) return soong::gen::run_drift(drift_options);
    if (vet->parsed()) return soong::gen::run_vet(in, vet_url);
    for (const soong::gen::registered_subcommand& family : families) {
      if (family.command->parsed()) return family.run();
    }
    if (crud->parsed()) return soong::gen::run_crud_subcommand(crud_options);
  } catch (const std::exception& e) {
    std::cerr << "soong: error: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
