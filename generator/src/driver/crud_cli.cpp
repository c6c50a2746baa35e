#include "driver/crud_cli.hpp"

#include "driver/crud_command.hpp"

namespace soong::gen {

CLI::App* add_crud_subcommand(CLI::App& app, crud_cli_options& options) {
  CLI::App* crud = app.add_subcommand(
      "crud", "write a table's fixed-shape CRUD statements as an annotated query file");
  crud->add_option("--schema", options.in.schema, "schema .sql file or migrations folder")
      ->required();
  crud->add_option("--emit-sql", options.emit_sql, "[schema.]table (repeatable)")->required();
  crud->add_option("--out", options.out_file, "file to write (default: standard output)");
  crud->add_option("--database-url", options.in.database_url,
                   "type against this server instead of a throwaway PostgreSQL");
  crud->add_option("--cache-dir", options.in.cache_dir, "typing result cache folder");
  crud->add_flag("--no-cache", options.in.no_cache,
                 "neither read nor write the typing result cache");
  return crud;
}

int run_crud_subcommand(const crud_cli_options& options) {
  return run_crud_emit_sql(options.in, options.emit_sql, options.out_file);
}

}  // namespace soong::gen
