#include "lifecycle/migration_check.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <ostream>
#include <sstream>

#include "diag/diagnostic.hpp"
#include "diag/source_file.hpp"
#include "drift/difference_format.hpp"
#include "drift/snapshot_diff.hpp"
#include "drift/snapshot_reader.hpp"
#include "file_text.hpp"
#include "lifecycle/migration_runner.hpp"
#include "lifecycle/scratch_server.hpp"
#include "oracle/schema_apply.hpp"
#include "parse/query_file_parser.hpp"
#include "parse/schema_input.hpp"
#include "soong/connection.hpp"
#include "soong/error.hpp"

namespace soong::gen::lifecycle {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
  std::optional<std::string> text = read_file_text(path);
  if (!text) throw soong::error(fmt::format("{}: cannot read the file", path.string()));
  return std::move(*text);
}

/// The `.sql` files named by `paths` (files, or folders searched recursively), sorted.
std::vector<fs::path> sql_files(const std::vector<std::string>& paths, const fs::path& root) {
  std::vector<fs::path> out;
  for (const std::string& p : paths) {
    const fs::path path = root.empty() ? fs::path(p) : root / p;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(path)) {
        if (entry.is_regular_file() && entry.path().extension() == ".sql") {
          found.push_back(entry.path());
        }
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(path, ec)) {
      out.push_back(path);
    } else {
      throw soong::error(fmt::format("{}: no such file or folder", path.string()));
    }
  }
  return out;
}

runner_options scratch_runner_options(const fs::path& dir) {
  runner_options options;
  options.dir = dir;
  options.rules.allow_out_of_order = true;
  return options;
}

drift::catalog_snapshot snapshot(const database_target& target,
                                 const std::vector<std::string>& schema_names) {
  connection conn(target.config());
  return drift::read_snapshot(conn.native_handle(), schema_names);
}

/// Applies schema.sql files to `target`; throws the first error as file:line:col.
void apply_schema_files(const database_target& target, const std::vector<fs::path>& files) {
  std::vector<schema_file_text> texts;
  for (const fs::path& f : files) texts.push_back({f.string(), read_text(f)});
  std::vector<schema_chunk> chunks;
  for (const schema_sql& s : select_schema_sql(texts)) {
    if (s.has_statements) chunks.push_back({s.path, s.sql});
  }
  connection conn(target.config());
  if (const auto error = apply_schema(conn.native_handle(), chunks)) {
    throw soong::error(to_string(*error) + " (applying the schema)");
  }
}

/// One line per difference, each prefixed.
void print_prefixed(std::ostream& out, const std::string& prefix, const std::string& lines) {
  std::istringstream in(lines);
  for (std::string line; std::getline(in, line);) out << prefix << line << "\n";
}

/// Prepares every annotated query of `files` on `target`; one line per failure.
int prepare_all(const database_target& target, const std::vector<fs::path>& files,
                const std::string& context, std::ostream& out) {
  connection conn(target.config());
  PGconn* pg = conn.native_handle();
  int broken = 0;
  for (const fs::path& path : files) {
    const source_file file(path.string(), read_text(path));
    diagnostics diags;
    const parsed_file parsed = parse_query_file(file, diags);
    for (const parsed_statement& s : parsed.statements) {
      if (!s.annot) continue;
      const std::unique_ptr<PGresult, decltype(&PQclear)> r(
          PQprepare(pg, "", s.rewritten_sql.c_str(), 0, nullptr), &PQclear);
      if (PQresultStatus(r.get()) == PGRES_COMMAND_OK) continue;
      const char* message = PQresultErrorField(r.get(), PG_DIAG_MESSAGE_PRIMARY);
      const char* sqlstate = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
      out << fmt::format("{} {}:{}: {}: {} [{}]\n", s.annot->name, path.string(), s.location.line,
                         context, message ? message : PQerrorMessage(pg), sqlstate ? sqlstate : "");
      ++broken;
    }
  }
  return broken;
}

}  // namespace

int run_migrate_check(const check_options& options, std::ostream& out) {
  const std::vector<migration> files = read_migration_folder(options.dir);
  scratch_server server;
  std::ostringstream quiet;
  int differences = 0;

  // The folder against schema.sql.
  const database_target migrated = server.create_database("check_migrations");
  migration_runner runner(migrated, scratch_runner_options(options.dir), quiet, quiet);
  runner.up({});
  const drift::catalog_snapshot after_all = snapshot(migrated, options.schema_names);
  if (!options.schema.empty()) {
    const database_target loaded = server.create_database("check_schema");
    apply_schema_files(loaded, sql_files(options.schema, {}));
    const auto found = drift::diff_snapshots(snapshot(loaded, options.schema_names), after_all, {});
    out << drift::differences_text(found);
    differences += static_cast<int>(found.size());
  }

  // Up, down, up for every migration that has a down section. After a down that does not
  // restore its catalog the stepping goes on in a fresh database, so every migration is
  // checked once.
  int fresh = 0;
  auto stepped = std::make_unique<database_target>(server.create_database("check_reversible"));
  auto steps = std::make_unique<migration_runner>(*stepped, scratch_runner_options(options.dir),
                                                  quiet, quiet);
  for (const migration& m : files) {
    const drift::catalog_snapshot before = snapshot(*stepped, options.schema_names);
    up_options to_m;
    to_m.to = m.version;
    steps->up(to_m);
    if (!m.has_down) continue;
    const drift::catalog_snapshot after = snapshot(*stepped, options.schema_names);
    steps->down({});
    const auto undone = drift::diff_snapshots(before, snapshot(*stepped, options.schema_names), {});
    print_prefixed(
        out, m.label() + ": down does not restore the catalog: ", drift::differences_text(undone));
    differences += static_cast<int>(undone.size());
    if (!undone.empty()) {
      stepped = std::make_unique<database_target>(
          server.create_database("check_reversible_" + std::to_string(++fresh)));
      steps = std::make_unique<migration_runner>(*stepped, scratch_runner_options(options.dir),
                                                 quiet, quiet);
      steps->up(to_m);
      continue;
    }
    steps->up(to_m);
    const auto redone = drift::diff_snapshots(after, snapshot(*stepped, options.schema_names), {});
    print_prefixed(out, m.label() + ": up after down builds another catalog: ",
                   drift::differences_text(redone));
    differences += static_cast<int>(redone.size());
  }
  if (differences == 0) {
    out << "migrations agree" << (options.schema.empty() ? "" : " with the schema")
        << " and every down section restores its catalog\n";
  }
  return differences == 0 ? 0 : 1;
}

int run_migrate_compat(const compat_options& options, std::ostream& out) {
  const fs::path previous_dir = options.previous_root / options.dir;
  std::vector<migration> current = read_migration_folder(options.dir);
  std::vector<migration> previous = read_migration_folder(previous_dir);
  const std::vector<fs::path> current_queries = sql_files(options.queries, {});
  const std::vector<fs::path> previous_queries = sql_files(options.queries, options.previous_root);

  scratch_server server;
  std::ostringstream quiet;
  const database_target before = server.create_database("compat_before");
  migration_runner(before, scratch_runner_options(previous_dir), quiet, quiet).up({});
  const database_target after = server.create_database("compat_after");
  migration_runner(after, scratch_runner_options(options.dir), quiet, quiet).up({});

  std::size_t pending = 0;
  for (const migration& m : current) {
    bool known = false;
    for (const migration& p : previous) known = known || p.version == m.version;
    if (!known) ++pending;
  }
  const int broken =
      prepare_all(
          after, previous_queries,
          fmt::format("previous release's query fails after the {} new migrations", pending), out) +
      prepare_all(before, current_queries, "this release's query fails before the new migrations",
                  out);
  if (broken == 0) {
    out << "compatible: both releases' queries prepare on the schema before and after the "
        << pending << " new migrations\n";
  }
  return broken == 0 ? 0 : 1;
}

}  // namespace soong::gen::lifecycle
