#pragma once
// The `soong` subcommands. Each returns the process exit code: 0 success, 1 problems in the
// user's input (diagnostics were printed) or stale output, 2 usage or environment errors.

#include <optional>
#include <string>
#include <vector>

namespace soong::gen {

/// Options shared by the commands that read schema and queries.
struct input_options {
  std::vector<std::string> schema;
  std::vector<std::string> queries;
  std::optional<std::string> database_url;
  std::string cache_dir;  // empty: the default location (driver/result_cache.hpp)
  /// `--crud TABLE`: tables that get typed CRUD functions (docs/crud.md).
  std::vector<std::string> crud_tables;
  bool no_cache = false;
  bool verbose = false;
};

/// Options of the commands that produce C++ (`generate`, `check`).
struct output_options {
  std::string out_dir;
  std::string namespace_name = "db";
  /// Output paths mirror query paths relative to this folder; empty: the common folder of
  /// all query files.
  std::string base_dir;
  bool schema_header_only = false;
  bool no_schema_header = false;
  /// Write only the `<table>.crud.hpp/.cpp` files (add_sql_queries() gives them a step of
  /// their own).
  bool crud_only = false;
  /// `[schema.]table`s whose CRUD files another build step writes: typed and checked here
  /// (their names must not clash with this run's queries), but not written.
  std::vector<std::string> crud_elsewhere;
  /// `--transports libpq,data_api`: what the generated functions run over; libpq always, the
  /// RDS Data API too when `data_api` is named (docs/data-api.md).
  std::vector<std::string> transports{"libpq"};
  /// `--json reads|all|none`: which :one/:many queries get a `_json` twin.
  std::string json_twins = "reads";
  /// `--prepare-all TARGET`: also write `TARGET.prepare_all.hpp/.cpp`, the target's
  /// prepare_all over every query file and CRUD table of this run (add_sql_queries() passes
  /// its target). Written whatever --schema-header-only or --crud-only leave out.
  std::string prepare_all_target;
  /// The command line after the program name. With the typing cache's key of the inputs, it
  /// names the record of what a run wrote (driver/output_manifest.hpp); empty: no record.
  std::vector<std::string> arguments;
};

/// Options of `soong drift` beyond --schema and --database-url (drift/drift_run.hpp).
struct drift_cli_options {
  std::vector<std::string> schema;
  std::string database_url;
  std::optional<std::string> scratch_url;
  std::vector<std::string> schema_names;  // empty: public
  bool ignore_names = false;
  bool strict_order = false;
  std::string format = "text";
};

int run_generate(const input_options& in, const output_options& out);
/// `soong check`: 1 when the files in `out` are stale, or when `pooler` is `transaction` or
/// `statement` and a query keeps state in the server session (parse/pooler_safety.hpp).
int run_check(const input_options& in, const output_options& out, const std::string& pooler);
int run_describe(const input_options& in, const std::string& format);
/// `soong drift`: 0 equal, 1 drift, 2 error.
int run_drift(const drift_cli_options& options);
/// `soong vet`: types the queries for the schema (through the cache), then checks them on
/// `live_database_url`. 0 fine, 1 findings, 2 error.
int run_vet(const input_options& in, const std::string& live_database_url);

}  // namespace soong::gen
