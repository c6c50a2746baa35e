#include "driver/commands.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "diag/codes.hpp"
#include "diag/render.hpp"
#include "drift/drift_run.hpp"
#include "drift/vet.hpp"
#include "driver/emit_outputs.hpp"
#include "driver/inputs.hpp"
#include "driver/output_manifest.hpp"
#include "driver/outputs.hpp"
#include "driver/pipeline.hpp"
#include "driver/result_cache.hpp"
#include "ir_json.hpp"
#include "parse/pooler_safety.hpp"
#include "parse/query_file_parser.hpp"

namespace soong::gen {
namespace fs = std::filesystem;

namespace {

/// Reads the inputs of `in`; nullopt (after printing why) on usage errors.
std::optional<run_inputs> read_run_inputs(const input_options& in) {
  std::vector<input_error> errors;
  run_inputs inputs = read_inputs(in.schema, in.queries, errors);
  if (!errors.empty()) {
    for (const auto& e : errors) std::cerr << "soong: error: " << e.message << "\n";
    return std::nullopt;
  }
  inputs.crud_tables = in.crud_tables;
  return inputs;
}

pipeline_options pipeline_options_of(const input_options& in) {
  pipeline_options options;
  options.database_url = in.database_url;
  options.verbose = in.verbose;
  if (!in.no_cache) options.cache_dir = resolve_cache_dir(in.cache_dir).value_or("");
  return options;
}

/// Reads inputs and runs the pipeline; nullopt (after printing why) on usage errors.
std::optional<pipeline_result> run_pipeline(const input_options& in) {
  const std::optional<run_inputs> inputs = read_run_inputs(in);
  if (!inputs) return std::nullopt;
  return build_ir(*inputs, pipeline_options_of(in));
}

/// Prints diagnostics; true when there were errors.
bool report(const diagnostics& diags) {
  std::cerr << render(diags);
  if (diags.has_errors()) {
    std::cerr << diags.error_count() << (diags.error_count() == 1 ? " error" : " errors")
              << " generated; nothing written.\n";
  }
  return diags.has_errors();
}

/// Removes the warnings about tables given with `--crud-elsewhere` (no primary key): the step
/// that writes their files reports them, and every query file's step would repeat them.
void drop_elsewhere_warnings(diagnostics& diags, const std::vector<std::string>& elsewhere) {
  const auto about_elsewhere = [&](const diagnostic& d) {
    if (d.level != severity::warning || d.code != codes::crud_without_primary_key) return false;
    for (const std::string& table : elsewhere) {
      const std::string qualified =
          table.find('.') == std::string::npos ? "public." + table : table;
      if (d.message.find(" " + qualified + " has no primary key") != std::string::npos) return true;
    }
    return false;
  };
  diagnostics kept;
  for (const diagnostic& d : diags.all()) {
    if (!about_elsewhere(d)) kept.add(d);
  }
  diags = std::move(kept);
}

/// `in` with the tables of `--crud-elsewhere` added: typed and checked here, written by another
/// step.
input_options with_crud_elsewhere(const input_options& in, const output_options& out) {
  input_options with_elsewhere = in;
  for (const std::string& table : out.crud_elsewhere) with_elsewhere.crud_tables.push_back(table);
  return with_elsewhere;
}

/// The files of `result` for `out`, after printing the diagnostics; nullopt when there were
/// errors.
std::optional<file_map> emit_reported(pipeline_result& result, const input_options& in,
                                      const output_options& out) {
  if (!out.crud_elsewhere.empty()) drop_elsewhere_warnings(result.diags, out.crud_elsewhere);
  file_map files = emit_outputs(result.model, in, out, result.diags);
  if (report(result.diags)) return std::nullopt;
  return files;
}

/// The files `generate` would write for these options; nullopt after printing why, with
/// `exit_code` set to 2 for usage errors (missing inputs) and 1 for diagnostics.
std::optional<file_map> generated_files(const input_options& in, const output_options& out,
                                        int& exit_code) {
  auto result = run_pipeline(with_crud_elsewhere(in, out));
  if (!result) {
    exit_code = 2;
    return std::nullopt;
  }
  auto files = emit_reported(*result, in, out);
  if (!files) exit_code = 1;
  return files;
}

/// The command that regenerates `out` for these inputs, for messages.
std::string fix_command(const input_options& in, const output_options& out) {
  std::string cmd = "soong generate";
  for (const auto& s : in.schema) cmd += " --schema " + s;
  for (const auto& q : in.queries) cmd += " --queries " + q;
  cmd += " --out " + out.out_dir + " --namespace " + out.namespace_name;
  if (!out.base_dir.empty()) cmd += " --base " + out.base_dir;
  if (out.json_twins != "reads") cmd += " --json " + out.json_twins;
  for (const auto& t : in.crud_tables) cmd += " --crud " + t;
  if (!out.prepare_all_target.empty()) cmd += " --prepare-all " + out.prepare_all_target;
  if (std::find(out.transports.begin(), out.transports.end(), "data_api") != out.transports.end())
    cmd += " --transports libpq,data_api";
  return cmd;
}

/// Checks the query files for SQL a pooler in `pooler` mode breaks and prints what it finds;
/// true when it found something. Reads the files itself: a pure parse, no server.
bool report_pooler_hazards(const input_options& in, const std::string& pooler) {
  const std::optional<pooler_mode> mode = pooler_mode_to_check(pooler);
  if (!mode) return false;
  std::vector<input_error> errors;
  const run_inputs inputs = read_inputs(in.schema, in.queries, errors);
  diagnostics found;
  for (const input_file& query_file : inputs.query_files) {
    const source_file file(query_file.path, query_file.text);
    diagnostics parse_diags;  // reported by the pipeline, with everything else
    check_pooler_safety(file, parse_query_file(file, parse_diags), *mode, found);
  }
  std::cerr << render(found);
  return found.has_errors();
}

}  // namespace

int run_generate(const input_options& in, const output_options& out) {
  const input_options typed = with_crud_elsewhere(in, out);
  const std::optional<run_inputs> inputs = read_run_inputs(typed);
  if (!inputs) return 2;
  const pipeline_options options = pipeline_options_of(typed);
  // What the same inputs and command line wrote last time, if the output folder still holds
  // exactly that: then there is nothing to type, emit or write.
  const output_manifest record(options.cache_dir,
                               ir_cache(options.cache_dir, *inputs, options.database_url).key(),
                               out.arguments);
  if (const std::optional<recorded_outputs> unchanged = record.unchanged_outputs(out.out_dir)) {
    if (in.verbose) std::cerr << "soong: cache hit " << record.key() << " (outputs unchanged)\n";
    // What the recorded run printed, printed again: the warnings last until their cause is fixed.
    diagnostics printed;
    for (const diagnostic& d : unchanged->diagnostics) printed.add(d);
    report(printed);
    if (in.verbose) std::cerr << "soong: " << unchanged->file_count << " files unchanged\n";
    return 0;
  }
  pipeline_result result = build_ir(*inputs, options);
  const std::optional<file_map> files = emit_reported(result, in, out);
  if (!files) return 1;
  const write_report written = write_outputs(out.out_dir, *files);
  if (in.verbose) {
    for (const auto& f : written.written) std::cerr << "soong: wrote " << f << "\n";
    std::cerr << "soong: " << written.unchanged.size() << " files unchanged\n";
  }
  // Errors never get here; the warnings and notes printed above are recorded, to be printed
  // again by the reruns the record answers.
  record.store(*files, result.diags.all());
  return 0;
}

int run_check(const input_options& in, const output_options& out, const std::string& pooler) {
  const bool unsafe_for_pooler = report_pooler_hazards(in, pooler);
  int failure = 1;
  auto files = generated_files(in, out, failure);
  if (files && unsafe_for_pooler) return 1;
  if (!files) return failure;
  const auto stale = find_stale_outputs(out.out_dir, *files);
  if (stale.empty()) return 0;
  for (const auto& f : stale) {
    std::cerr << (fs::path(out.out_dir) / f.path).generic_string() << ": "
              << (f.missing ? "missing" : "stale") << "\n";
  }
  std::cerr << stale.size() << " generated file(s) out of date; fix with:\n  "
            << fix_command(in, out) << "\n";
  return 1;
}

int run_describe(const input_options& in, const std::string& format) {
  auto result = run_pipeline(in);
  if (!result) return 2;
  if (report(result->diags)) return 1;
  if (format == "json") std::cout << describe_json(result->model).dump(2) << "\n";
  return 0;
}

int run_drift(const drift_cli_options& options) {
  std::vector<input_error> errors;
  const run_inputs inputs = read_inputs(options.schema, {}, errors);
  for (const auto& e : errors) std::cerr << "soong: error: " << e.message << "\n";
  if (!errors.empty()) return 2;
  drift::drift_options run;
  for (const auto& f : inputs.schema_files) run.schema_files.push_back({f.path, f.text});
  run.schema_is_migrations = inputs.schema_is_migrations;
  run.database_url = options.database_url;
  run.scratch_url = options.scratch_url;
  if (!options.schema_names.empty()) run.schema_names = options.schema_names;
  run.diff.ignore_names = options.ignore_names;
  run.diff.strict_order = options.strict_order;
  run.format = options.format;
  return drift::run_drift(run, std::cout, std::cerr);
}

int run_vet(const input_options& in, const std::string& live_database_url) {
  auto result = run_pipeline(in);
  if (!result) return 2;
  if (report(result->diags)) return 2;  // the queries do not even type against the schema
  std::vector<input_error> errors;
  const run_inputs inputs = read_inputs(in.schema, in.queries, errors);
  std::vector<drift::vet_query_file> files;
  for (const auto& f : inputs.query_files) files.push_back({f.path, f.text});
  return drift::run_vet(result->model, files, live_database_url, std::cout, std::cerr);
}

}  // namespace soong::gen
