#include "driver/pipeline.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "diag/codes.hpp"
#include "diag/source_file.hpp"
#include "driver/copy_target.hpp"
#include "driver/crud_requests.hpp"
#include "driver/main_statement.hpp"
#include "driver/result_cache.hpp"
#include "embedded_server.hpp"
#include "ir_json.hpp"
#include "nullability/query_nullability.hpp"
#include "oracle/cache_key.hpp"
#include "oracle/catalog_facts_reader.hpp"
#include "oracle/catalog_reader.hpp"
#include "oracle/describe.hpp"
#include "oracle/oracle_session.hpp"
#include "oracle/schema_apply.hpp"
#include "oracle/table_keys_reader.hpp"
#include "oracle/type_catalog.hpp"
#include "parse/query_file_parser.hpp"
#include "parse/query_names.hpp"
#include "parse/route_annotation.hpp"
#include "parse/schema_input.hpp"
#include "parse/server_position.hpp"
#include "parse/statement_access.hpp"

namespace soong::gen {
namespace {

/// One annotated statement, with the file it came from (for positions).
struct query_source {
  const source_file* file;
  const parsed_statement* statement;
  std::optional<route_annotation> route{};
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
    int position = 1;
    for (std::size_t i = 0; i < at; ++i) {
      if ((static_cast<unsigned char>(sql[i]) & 0xC0) != 0x80) ++position;
    }
    const std::size_t offset = file_offset_of_server_position(*src.statement, position);
    return file_position{src.file->location_of(offset), offset};
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
  for (std::size_t i = 0; i < q.params.size() && i < result.params.size(); ++i) {
    if (q.params[i].name.empty()) q.params[i].name = result.params[i].name;
    q.params[i].nullable = result.params[i].nullable;
  }
}

/// The running generator's size and modification time: a rebuilt generator (new code, same
/// version number) must not reuse IR an older build cached, the way ccache keys on its compiler.
std::string generator_build_identity() {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const auto size = std::filesystem::file_size(self, ec);
  if (ec) return {};
  const auto mtime = std::filesystem::last_write_time(self, ec).time_since_epoch().count();
  if (ec) return {};
  return fmt::format("|exe={}:{}", size, mtime);
}

}  // namespace

pipeline_result build_ir(const run_inputs& inputs, const pipeline_options& options) {
  pipeline_result out;
  diagnostics& diags = out.diags;

  // 1. Parse every query file; keep going after errors so all of them are reported.
  std::vector<std::unique_ptr<source_file>> query_sources;
  std::vector<parsed_file> parsed_files;
  query_name_registry names;
  for (const auto& file : inputs.query_files) {
    query_sources.push_back(std::make_unique<source_file>(file.path, file.text));
    parsed_files.push_back(parse_query_file(*query_sources.back(), diags));
    names.add(*query_sources.back(), parsed_files.back(), diags);
  }

  std::vector<crud_request_text> crud_requests;
  for (const std::string& table : inputs.crud_tables) {
    crud_request_text r;
    r.text = table;
    r.where.file = "--crud";
    crud_requests.push_back(std::move(r));
  }
  for (const auto& file : query_sources) {
    for (auto& r : find_crud_annotations(*file)) crud_requests.push_back(std::move(r));
  }

  std::vector<query_source> sources;
  for (std::size_t f = 0; f < parsed_files.size(); ++f) {
    for (const auto& statement : parsed_files[f].statements) {
      if (!statement.annot) continue;
      query q;
      q.name = statement.annot->name;
      q.cmd = statement.annot->cmd;
      q.location = statement.location;
      q.sql = statement.sql;
      q.rewritten_sql = statement.rewritten_sql;
      q.main_statement_offset = main_statement_offset(statement.tree, statement.rewritten_sql);
      for (const auto& p : statement.params)
        q.params.push_back({p.number, p.name, {}, p.nullable_forced});
      if (q.cmd == command::copyfrom) {
        q.copy = copy_target_of(statement.tree);
        if (!q.copy) {
          diags.add(make_diagnostic(*query_sources[f], statement.file_offset,
                                    token_length_at(statement.sql, 0), severity::error,
                                    ":copyfrom needs `INSERT INTO table (columns...) VALUES ($1, "
                                    "...)` with one parameter per column",
                                    codes::copyfrom_target));
          continue;
        }
      }
      std::optional<route_annotation> route =
          find_route_annotation(*query_sources[f], statement, diags);
      if (route) q.route_override = route->route;
      out.model.queries.push_back(std::move(q));
      sources.push_back({query_sources[f].get(), &statement, route});
    }
  }
  if (diags.has_errors()) return out;

  // 2. Schema SQL to apply.
  std::vector<schema_file_text> schema_texts;
  for (const auto& f : inputs.schema_files) schema_texts.push_back({f.path, f.text});
  const std::vector<schema_sql> schema = inputs.schema_is_migrations
                                             ? select_migration_sql(schema_texts)
                                             : select_schema_sql(schema_texts);

  // 3. The cache: same schema, same queries, same generator and server major → same IR.
  std::string key;
  if (!options.cache_dir.empty()) {
    cache_key_inputs key_inputs;
    for (const auto& f : inputs.schema_files) key_inputs.schema_files.emplace_back(f.path, f.text);
    for (const auto& f : inputs.query_files) key_inputs.query_files.emplace_back(f.path, f.text);
    key_inputs.generator_version = SOONG_GENERATOR_VERSION + generator_build_identity();
    for (const std::string& table : inputs.crud_tables) {
      key_inputs.generator_version += "|crud=" + table;  // more output, more statements checked
    }
    if (options.database_url) {
      key_inputs.generator_version +=
          "|url=" + *options.database_url;  // another server, another answer
    }
    const auto major = server_major_version();
    key_inputs.server_major_version = major.value_or(0);
    if (major || options.database_url) {
      key = cache_key(key_inputs);
      if (auto cached = cache_load(options.cache_dir, key)) {
        try {
          out.model = cached->get<ir>();
          out.cache_hit = true;
          if (options.verbose) std::cerr << "soong: cache hit " << key << "\n";
          return out;
        } catch (const std::exception&) {
          // A cache entry from an incompatible build: fall through and regenerate.
        }
      }
    }
  }

  // 4. The oracle.
  oracle_session_options session_options;
  session_options.database_url = options.database_url;
  session_options.server.die_with_starting_thread = true;
  std::unique_ptr<oracle_session> session;
  try {
    if (options.verbose) std::cerr << "soong: starting the type oracle\n";
    session = oracle_session::open(session_options);
  } catch (const std::exception& e) {
    add_global_error(diags, e.what());
    return out;
  }
  PGconn* conn = session->connection();

  std::vector<std::unique_ptr<source_file>> schema_sources;
  std::vector<schema_chunk> chunks;
  for (const auto& s : schema) {
    if (!s.has_statements) continue;
    chunks.push_back({s.path, s.sql});
  }
  if (auto error = apply_schema(conn, chunks)) {
    const auto it =
        std::find_if(inputs.schema_files.begin(), inputs.schema_files.end(),
                     [&](const input_file& f) { return f.path == error->position.location.file; });
    if (it != inputs.schema_files.end()) {
      add_oracle_error(diags, source_file(it->path, it->text), *error);
    } else {
      add_global_error(diags, to_string(*error), error->sqlstate);
    }
    return out;
  }

  type_catalog types(conn);
  read_schema_objects(conn, types, out.model);
  read_table_keys(conn, out.model);
  resolve_crud_requests(crud_requests, out.model, diags);
  if (diags.has_errors()) return out;
  check_crud_statements(conn, types, out.model, crud_requests, diags);
  if (diags.has_errors()) return out;
  const catalog_facts facts = read_catalog_facts(conn);

  std::map<const query*, std::size_t> index_of;
  for (std::size_t i = 0; i < out.model.queries.size(); ++i) index_of[&out.model.queries[i]] = i;
  const auto mapper_for = [&](const query& q) -> position_mapper {
    const query_source src = sources[index_of.at(&q)];
    return [src](int position) {
      const std::size_t offset = file_offset_of_server_position(*src.statement, position);
      return file_position{src.file->location_of(offset), offset};
    };
  };
  const std::vector<oracle_error> errors =
      describe_queries(conn, types, out.model.queries, mapper_for);
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

  for (std::size_t i = 0; i < out.model.queries.size(); ++i) {
    query& q = out.model.queries[i];
    if (failed.count(q.name) != 0) continue;
    apply_nullability(q, *sources[i].statement, facts);
    finalize_param_names(q);
    q.access = classify_statement_access(sources[i].statement->tree, facts.volatile_user_functions);
    q.route = effective_route(q.access, q.route_override);
    if (q.route == query_route::replica && !q.access.read_only && sources[i].route) {
      diags.add(make_diagnostic(
          *sources[i].file, sources[i].route->file_offset, sources[i].route->length,
          severity::error,
          fmt::format("`-- soong:route replica` on {}, which writes ({}): a standby refuses it; "
                      "remove the line or route it to primary",
                      q.name, q.access.reason),
          codes::writing_statement_routed_to_replica));
    }
  }

  if (!diags.has_errors() && !key.empty())
    cache_store(options.cache_dir, key, nlohmann::json(out.model));
  return out;
}

}  // namespace soong::gen
