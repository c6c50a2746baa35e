#include "driver/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "diag/codes.hpp"
#include "diag/source_file.hpp"
#include "driver/crud_requests.hpp"
#include "driver/embedded_tables.hpp"
#include "driver/result_cache.hpp"
#include "embedded_server.hpp"
#include "nullability/array_element_checks.hpp"
#include "nullability/query_nullability.hpp"
#include "oracle/catalog_facts_reader.hpp"
#include "oracle/catalog_reader.hpp"
#include "oracle/data_api_form_check.hpp"
#include "oracle/describe.hpp"
#include "oracle/extension_check.hpp"
#include "oracle/insert_target.hpp"
#include "oracle/oracle_session.hpp"
#include "oracle/schema_apply.hpp"
#include "oracle/table_keys_reader.hpp"
#include "oracle/type_catalog.hpp"
#include "parse/copy_target.hpp"
#include "parse/ir_query.hpp"
#include "parse/json_annotation.hpp"
#include "parse/query_file_parser.hpp"
#include "parse/query_names.hpp"
#include "parse/route_annotation.hpp"
#include "parse/row_count.hpp"
#include "parse/schema_input.hpp"
#include "parse/statement_access.hpp"

namespace soong::gen {
namespace {

/// One annotated statement, with the file it came from (for positions).
struct query_source {
  const source_file* file;
  const parsed_statement* statement;
  std::optional<route_annotation> route{};
  std::size_t file_index = 0;  // in run_inputs::query_files
};

/// Length of the token starting at `offset`, for the diagnostic underline: an identifier, a
/// quoted identifier or string, or one character.
std::size_t token_length_at(const std::string& text, std::size_t offset) {
  if (offset >= text.size()) return 1;
  const char first = text[offset];
  if (first == '"' || first == '\'') {
    const auto close = text.find(first, offset + 1);
    return close == std::string::npos ? 1 : close - offset + 1;
  }
  auto is_word = [](unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; };
  if (first == '%' && text.compare(offset, 2, "%(") == 0) {  // psycopg's %(name)s
    const auto close = text.find(")s", offset);
    return close == std::string::npos ? 1 : close - offset + 2;
  }
  std::size_t end = offset;
  if (first == '$' || first == '@') ++end;  // $1, @name: the sigil belongs to the parameter
  while (end < text.size() && is_word(static_cast<unsigned char>(text[end]))) ++end;
  return end > offset ? end - offset : 1;
}

void add_oracle_error(diagnostics& diags, const source_file& file, const oracle_error& error) {
  diagnostic d = make_diagnostic(file, error.position.byte_offset,
                                 token_length_at(file.text(), error.position.byte_offset),
                                 severity::error, error.message, error.sqlstate);
  for (const std::string* extra : {&error.detail, &error.hint}) {
    if (extra->empty()) continue;
    diagnostic note;
    note.level = severity::note;
    note.location.file = file.path();
    note.message = *extra;
    d.notes.push_back(std::move(note));
  }
  diags.add(std::move(d));
}

/// PostgreSQL reports 42P18 ("could not determine data type of parameter $2") without a
/// position; point at the parameter's first use instead of the statement's first token.
file_position untyped_parameter_position(const query_source& src, const oracle_error& error) {
  const auto dollar = error.message.rfind('$');
  if (dollar == std::string::npos) return error.position;
  const std::string number = error.message.substr(dollar);
  const std::string& sql = src.statement->rewritten_sql;
  for (auto at = sql.find(number); at != std::string::npos; at = sql.find(number, at + 1)) {
    const std::size_t after = at + number.size();
    if (after < sql.size() && std::isdigit(static_cast<unsigned char>(sql[after]))) continue;
    // Server positions count characters, not bytes.
    const int position =
        1 + static_cast<int>(code_point_count(std::string_view(sql).substr(0, at)));
    return file_position_of_server_position(*src.file, *src.statement, position);
  }
  return error.position;
}

void add_global_error(diagnostics& diags, std::string message,
                      std::string code = codes::oracle_unavailable) {
  diagnostic d;
  d.location.file = "soong";
  d.message = std::move(message);
  d.code = std::move(code);
  diags.add(std::move(d));
}

/// Parameter names as the emitter needs them: from the annotation syntax, else inferred from
/// the column they meet, else `p<n>`; the same name twice gets `_2`, `_3`.
void finalize_param_names(query& q) {
  std::map<std::string, int> seen;
  for (auto& p : q.params) {
    if (p.name.empty()) p.name = fmt::format("p{}", p.number);
    const int count = ++seen[p.name];
    if (count > 1) p.name = fmt::format("{}_{}", p.name, count);
  }
}

/// Turns the oracle's description plus our inference into the final query.
void apply_nullability(query& q, const parsed_statement& statement, const catalog_facts& facts) {
  const nullability_result result = infer_query_nullability(q, statement, facts);
  for (std::size_t i = 0; i < q.columns.size() && i < result.columns.size(); ++i) {
    q.columns[i].nullable = result.columns[i].nullable;
  }
  for (column& c : q.columns) {
    const bool overridden = std::any_of(
        statement.overrides.begin(), statement.overrides.end(),
        [&](const column_override& o) { return o.elements_not_null && o.alias == c.name; });
    c.elements_nullable = array_elements_nullable(c, facts, overridden);
  }
  for (std::size_t i = 0; i < q.params.size() && i < result.params.size(); ++i) {
    if (q.params[i].name.empty()) q.params[i].name = result.params[i].name;
    q.params[i].nullable = result.params[i].nullable;
  }
}

/// The schema files as the schema readers take them.
std::vector<schema_file_text> schema_files_of(const run_inputs& inputs) {
  std::vector<schema_file_text> texts;
  for (const auto& f : inputs.schema_files) texts.push_back({f.path, f.text});
  return texts;
}

/// The query files, parsed, with the sources their positions refer to.
struct parsed_inputs {
  std::vector<std::unique_ptr<source_file>> files;
  std::vector<parsed_file> parsed;  // parallel to files
};

/// Stage 1: parses every query file; keeps going after errors so all of them are reported.
parsed_inputs parse_query_files(const run_inputs& inputs, diagnostics& diags) {
  parsed_inputs out;
  query_name_registry names;
  for (const auto& file : inputs.query_files) {
    out.files.push_back(std::make_unique<source_file>(file.path, file.text));
    out.parsed.push_back(parse_query_file(*out.files.back(), diags));
    names.add(*out.files.back(), out.parsed.back(), diags);
  }
  return out;
}

/// The tables to emit CRUD functions for: `--crud` options, then `-- crud:` annotations.
std::vector<crud_request_text> gather_crud_requests(const run_inputs& inputs,
                                                    const parsed_inputs& parsed) {
  std::vector<crud_request_text> requests;
  for (const std::string& table : inputs.crud_tables) {
    crud_request_text r;
    r.text = table;
    r.where.file = "--crud";
    requests.push_back(std::move(r));
  }
  for (const auto& file : parsed.files) {
    for (auto& r : find_crud_annotations(*file)) requests.push_back(std::move(r));
  }
  return requests;
}

/// Stage 2: one IR query per annotated statement (untyped), in `model.queries`; returns
/// their sources, parallel to `model.queries`.
std::vector<query_source> collect_queries(const parsed_inputs& parsed, ir& model,
                                          diagnostics& diags) {
  std::vector<query_source> sources;
  for (std::size_t f = 0; f < parsed.parsed.size(); ++f) {
    for (const auto& statement : parsed.parsed[f].statements) {
      if (!statement.annot) continue;
      query q = make_ir_query(statement);
      if (q.cmd == command::copyfrom) {
        q.copy = copy_target_of(statement.tree);
        if (!q.copy) {
          diags.add(make_diagnostic(*parsed.files[f], statement.file_offset,
                                    token_length_at(statement.sql, 0), severity::error,
                                    ":copyfrom needs `INSERT INTO table (columns...) VALUES ($1, "
                                    "...)` with one parameter per column",
                                    codes::copyfrom_target));
          continue;
        }
      }
      std::optional<route_annotation> route =
          find_route_annotation(*parsed.files[f], statement, diags);
      if (route) q.route_override = route->route;
      q.json_override = find_json_annotation(*parsed.files[f], statement, diags);
      model.queries.push_back(std::move(q));
      sources.push_back({parsed.files[f].get(), &statement, route, f});
    }
  }
  return sources;
}

/// Stage 3: the type oracle (an embedded server or `--database-url`); null after reporting
/// why it could not be opened.
std::unique_ptr<oracle_session> open_oracle(const pipeline_options& options, diagnostics& diags) {
  oracle_session_options session_options;
  session_options.database_url = options.database_url;
  session_options.server.die_with_starting_thread = true;
  try {
    if (options.verbose) std::cerr << "soong: starting the type oracle\n";
    return oracle_session::open(session_options);
  } catch (const std::exception& e) {
    add_global_error(diags, e.what());
    return nullptr;
  }
}

/// Stage 4: applies the schema SQL on the oracle; false after reporting where it failed.
bool apply_schema_files(PGconn* conn, const run_inputs& inputs,
                        const std::vector<schema_sql>& schema, diagnostics& diags) {
  std::vector<schema_chunk> chunks;
  for (const auto& s : schema) {
    if (!s.has_statements) continue;
    chunks.push_back({s.path, s.sql});
  }
  const auto error = apply_schema(conn, chunks);
  if (!error) return true;
  const auto it =
      std::find_if(inputs.schema_files.begin(), inputs.schema_files.end(),
                   [&](const input_file& f) { return f.path == error->position.location.file; });
  if (it != inputs.schema_files.end()) {
    add_oracle_error(diags, source_file(it->path, it->text), *error);
  } else {
    add_global_error(diags, to_string(*error), error->sqlstate);
  }
  return false;
}

/// What typing found about each query file, by file index: the diagnostics a query's own
/// checks add, which the per-file cache keeps with the file's typed queries.
using diagnostics_by_file = std::map<std::size_t, std::vector<diagnostic>>;

/// Stage 5: describes `queries` (parallel to `sources`) on the oracle and reports the ones
/// PostgreSQL refuses; the others get their types, nullability and final parameter names.
/// `model` holds the schema's tables (for `sqlc.embed`). The refusals go to `diags`, what the
/// checks after a successful description find to `by_file`.
void type_queries(PGconn* conn, type_catalog& types, const std::vector<query_source>& sources,
                  std::vector<query>& queries, const ir& model, diagnostics& diags,
                  diagnostics_by_file& by_file) {
  const catalog_facts facts = read_catalog_facts(conn);
  std::map<const query*, std::size_t> index_of;
  for (std::size_t i = 0; i < queries.size(); ++i) index_of[&queries[i]] = i;
  const auto mapper_for = [&](const query& q) {
    const query_source& src = sources[index_of.at(&q)];
    return server_position_mapper(*src.file, *src.statement);
  };
  const std::vector<oracle_error> errors = describe_queries(conn, types, queries, mapper_for);
  std::set<std::string> failed;
  for (const auto& error : errors) {
    failed.insert(error.query_name);
    for (const auto& src : sources) {
      if (src.statement->annot->name != error.query_name) continue;
      oracle_error located = error;
      if (error.sqlstate == "42P18") located.position = untyped_parameter_position(src, error);
      add_oracle_error(diags, *src.file, located);
    }
  }
  for (std::size_t i = 0; i < queries.size(); ++i) {
    query& q = queries[i];
    if (failed.count(q.name) != 0) continue;
    diagnostics found;
    apply_nullability(q, *sources[i].statement, facts);
    finalize_param_names(q);
    resolve_embedded_tables(q, *sources[i].statement, *sources[i].file, model, found);
    q.access = classify_statement_access(sources[i].statement->tree, facts.volatile_user_functions);
    q.route = effective_route(q.access, q.route_override);
    q.exactly_one_row = yields_exactly_one_row(
        sources[i].statement->tree, facts, [conn](std::string_view schema, std::string_view table) {
          return insert_always_keeps_row(conn, schema, table);
        });
    build_data_api_form(conn, q);
    if (q.route == query_route::replica && !q.access.read_only && sources[i].route) {
      found.add(make_diagnostic(
          *sources[i].file, sources[i].route->file_offset, sources[i].route->length,
          severity::error,
          fmt::format("`-- soong:route replica` on {}, which writes ({}): a standby refuses it; "
                      "remove the line or route it to primary",
                      q.name, q.access.reason),
          codes::writing_statement_routed_to_replica));
    }
    std::vector<diagnostic>& of_file = by_file[sources[i].file_index];
    of_file.insert(of_file.end(), found.all().begin(), found.all().end());
  }
}

/// The run's answer from a whole-run cache entry, after `front_end` (what parsing the query
/// files reported, or nothing when they were not parsed again): the diagnostics in the order
/// the run that stored the entry found them.
pipeline_result cache_hit(cached_run cached, diagnostics front_end, const ir_cache& cache,
                          const pipeline_options& options) {
  pipeline_result out;
  out.model = std::move(cached.model);
  out.diags = std::move(front_end);
  for (diagnostic& d : cached.server_diagnostics) out.diags.add(std::move(d));
  out.cache_hit = true;
  if (options.verbose) std::cerr << "soong: cache hit " << cache.key() << "\n";
  return out;
}

/// The typed queries of every query file the per-file cache holds, by file index. An entry
/// counts only when it holds the file's query names in the order the front end found them
/// now: the key covers the file's text, so anything else is a damaged entry.
std::map<std::size_t, cached_file> load_typed_files(
    const ir_cache& cache, const run_inputs& inputs, const std::vector<query>& queries,
    const std::vector<query_source>& sources) {
  std::map<std::size_t, std::vector<std::string>> names_of_file;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    names_of_file[sources[i].file_index].push_back(queries[i].name);
  }
  std::map<std::size_t, cached_file> found;
  for (const auto& [file, names] : names_of_file) {
    std::optional<cached_file> typed = cache.load_file(inputs.query_files[file]);
    if (!typed || typed->queries.size() != names.size()) continue;
    bool same_names = true;
    for (std::size_t i = 0; i < names.size(); ++i) {
      same_names &= typed->queries[i].name == names[i];
    }
    if (same_names) found.emplace(file, std::move(*typed));
  }
  return found;
}

/// The queries of every file in the order the front end collected them (`sources`): each
/// file's either from `from_cache` or, in order, from `typed`.
std::vector<query> in_file_order(const std::vector<query_source>& sources,
                                 std::map<std::size_t, cached_file> from_cache,
                                 std::vector<query> typed) {
  std::vector<query> all;
  all.reserve(sources.size());
  auto next_typed = typed.begin();
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const std::size_t file = sources[i].file_index;
    const auto cached = from_cache.find(file);
    if (cached == from_cache.end()) {
      all.push_back(std::move(*next_typed++));
    } else if (i == 0 || sources[i - 1].file_index != file) {  // a file's queries are adjacent
      for (query& q : cached->second.queries) all.push_back(std::move(q));
    }
  }
  return all;
}

/// Stores the typed queries of each file in `typed_files` (`queries` parallel to `sources`)
/// that no error points into, with what its typing found (`found`). Any error outside the query
/// files (a server, the schema) stores nothing: the typing may not have run to its end.
void store_typed_files(const ir_cache& cache, const run_inputs& inputs,
                       const std::vector<query>& queries, const std::vector<query_source>& sources,
                       const std::set<std::size_t>& typed_files, const diagnostics_by_file& found,
                       const diagnostics& diags) {
  std::set<std::string> files_with_errors;
  for (const diagnostic& d : diags.all()) {
    if (d.level == severity::error) files_with_errors.insert(d.location.file);
  }
  for (const std::string& file : files_with_errors) {
    const bool is_query_file = std::any_of(inputs.query_files.begin(), inputs.query_files.end(),
                                           [&](const input_file& f) { return f.path == file; });
    if (!is_query_file) return;
  }
  std::map<std::size_t, cached_file> by_file;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    if (typed_files.contains(sources[i].file_index)) {
      by_file[sources[i].file_index].queries.push_back(queries[i]);
    }
  }
  for (auto& [file, typed] : by_file) {
    const input_file& input = inputs.query_files[file];
    if (files_with_errors.contains(input.path)) continue;
    if (const auto it = found.find(file); it != found.end()) typed.diagnostics = it->second;
    cache.store_file(input, typed);
  }
}

}  // namespace

pipeline_result build_ir(const run_inputs& inputs, const pipeline_options& options) {
  pipeline_result out;
  diagnostics& diags = out.diags;
  const ir_cache cache(options.cache_dir, inputs, options.database_url);
  std::optional<cached_run> cached = cache.load();
  // The same bytes parse the same way: when they parsed without a word last time, the IR is
  // all a rerun needs, and parsing thousands of statements would be most of its time.
  if (cached && cached->front_end_quiet) return cache_hit(std::move(*cached), {}, cache, options);

  const parsed_inputs parsed = parse_query_files(inputs, diags);
  const std::vector<crud_request_text> crud_requests = gather_crud_requests(inputs, parsed);
  const std::vector<query_source> sources = collect_queries(parsed, out.model, diags);
  const std::size_t front_end_count = diags.all().size();
  const bool front_end_quiet = front_end_count == 0;
  // The front end's warnings and notes are reported as on every run, then the entry's own.
  if (cached) return cache_hit(std::move(*cached), std::move(diags), cache, options);
  // Statements with front-end errors are already left out; the others are still typed, so the
  // errors of every file are reported in one run. Such a run writes nothing, so its IR is not
  // stored in the cache (the files without errors still store their typed queries).
  const std::vector<schema_file_text> schema_texts = schema_files_of(inputs);
  const std::vector<schema_sql> schema = inputs.schema_is_migrations
                                             ? select_migration_sql(schema_texts)
                                             : select_schema_sql(schema_texts);

  const std::unique_ptr<oracle_session> session = open_oracle(options, diags);
  if (!session) return out;
  PGconn* conn = session->connection();
  const std::size_t errors_before_schema = diags.error_count();
  check_schema_extensions(conn, schema_texts, schema, diags);
  if (diags.error_count() > errors_before_schema) return out;
  if (!apply_schema_files(conn, inputs, schema, diags)) return out;
  type_catalog types(conn);
  read_schema_objects(conn, types, out.model);
  read_table_keys(conn, out.model);
  const std::size_t errors_before_crud = diags.error_count();
  resolve_crud_requests(crud_requests, out.model, diags);
  if (diags.error_count() > errors_before_crud) return out;
  check_crud_statements(conn, types, out.model, crud_requests, diags);
  if (diags.error_count() > errors_before_crud) return out;

  // The files an earlier run typed under this schema and generator keep their queries; only
  // the others are described on the oracle.
  std::vector<query> collected = std::move(out.model.queries);
  out.model.queries.clear();
  std::map<std::size_t, cached_file> from_cache =
      load_typed_files(cache, inputs, collected, sources);
  std::set<std::size_t> typed_files;  // the files typed now, whose entries are stored
  for (const query_source& src : sources) {
    if (!from_cache.contains(src.file_index)) typed_files.insert(src.file_index);
  }
  std::vector<query> to_type;
  std::vector<query_source> to_type_sources;
  for (std::size_t i = 0; i < collected.size(); ++i) {
    if (from_cache.contains(sources[i].file_index)) continue;
    to_type.push_back(std::move(collected[i]));
    to_type_sources.push_back(sources[i]);
  }
  if (options.verbose) {
    std::cerr << fmt::format("soong: typing {} of {} queries ({} from the per-file cache)\n",
                             to_type.size(), collected.size(), collected.size() - to_type.size());
  }
  diagnostics_by_file typing_found;
  type_queries(conn, types, to_type_sources, to_type, out.model, diags, typing_found);
  // What typing found, file by file as a run without the per-file cache reports it: a cached
  // file's findings where its queries would have been typed.
  for (const auto& [file, typed] : from_cache) typing_found[file] = typed.diagnostics;
  for (const auto& [file, found] : typing_found) {
    for (const diagnostic& d : found) diags.add(d);
  }
  out.model.queries = in_file_order(sources, std::move(from_cache), std::move(to_type));
  store_typed_files(cache, inputs, out.model.queries, sources, typed_files, typing_found, diags);
  if (!diags.has_errors()) {
    const auto& all = diags.all();
    cache.store(out.model, front_end_quiet,
                std::vector<diagnostic>(all.begin() + static_cast<std::ptrdiff_t>(front_end_count),
                                        all.end()));
  }
  return out;
}

}  // namespace soong::gen
