#include "drift/drift_run.hpp"

#include <algorithm>
#include <exception>
#include <ostream>

#include "diag/render.hpp"
#include "diag/source_file.hpp"
#include "drift/difference_format.hpp"
#include "drift/snapshot_reader.hpp"
#include "oracle/oracle_session.hpp"
#include "oracle/pg_handles.hpp"
#include "oracle/schema_apply.hpp"

namespace soong::gen::drift {
namespace {

/// Applies the schema in the oracle's database; on failure prints the compiler-style
/// diagnostic (file:line:col with the source line) and returns false.
bool apply(PGconn* conn, const drift_options& options, std::ostream& err) {
  const std::vector<schema_sql> schema = options.schema_is_migrations
                                             ? select_migration_sql(options.schema_files)
                                             : select_schema_sql(options.schema_files);
  std::vector<schema_chunk> chunks;
  for (const auto& s : schema) {
    if (s.has_statements) chunks.push_back({s.path, s.sql});
  }
  const auto error = apply_schema(conn, chunks);
  if (!error) return true;
  const auto file = std::find_if(
      options.schema_files.begin(), options.schema_files.end(),
      [&](const schema_file_text& f) { return f.path == error->position.location.file; });
  if (file == options.schema_files.end()) {
    err << to_string(*error) << "\n";
  } else {
    diagnostic d = make_diagnostic(source_file(file->path, file->text), error->position.byte_offset,
                                   1, severity::error, error->message, error->sqlstate);
    err << render(d);
  }
  err << "soong drift: the schema does not apply; nothing compared\n";
  return false;
}

}  // namespace

int run_drift(const drift_options& options, std::ostream& out, std::ostream& err) {
  // The live database first: a wrong URL should not cost a server start.
  oracle_detail::connection_ptr live(PQconnectdb(options.database_url.c_str()));
  if (PQstatus(live.get()) != CONNECTION_OK) {
    err << "soong drift: cannot connect to --database-url: " << PQerrorMessage(live.get());
    return 2;
  }
  try {
    oracle_session_options session_options;
    session_options.database_url = options.scratch_url;
    session_options.server.die_with_starting_thread = true;
    const auto session = oracle_session::open(session_options);
    if (!apply(session->connection(), options, err)) return 2;

    const catalog_snapshot expected = read_snapshot(session->connection(), options.schema_names);
    const catalog_snapshot actual = read_snapshot(live.get(), options.schema_names);
    const std::vector<difference> differences = diff_snapshots(expected, actual, options.diff);
    if (options.format == "json") {
      out << differences_json(differences).dump(2) << "\n";
    } else {
      out << differences_text(differences);
    }
    return differences.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    err << "soong drift: error: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace soong::gen::drift
