#include "drift/vet.hpp"

#include <fmt/format.h>

#include <exception>
#include <map>
#include <memory>
#include <ostream>

#include "diag/diagnostic.hpp"
#include "diag/source_file.hpp"
#include "drift/vet_crud.hpp"
#include "emit/type_mapping.hpp"
#include "nullability/query_nullability.hpp"
#include "oracle/catalog_facts_reader.hpp"
#include "oracle/describe.hpp"
#include "oracle/pg_handles.hpp"
#include "parse/query_file_parser.hpp"

namespace soong::gen::drift {
namespace {

/// A query's statement as the front end parsed it, with its file (for positions).
struct statement_source {
  const source_file* file = nullptr;
  const parsed_statement* statement = nullptr;
};

std::string column_names(const std::vector<column>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c.name;
  return "(" + out + ")";
}

/// Which result columns may be NULL on the live database: the nullability stage run with the
/// live catalog facts and the statement's own overrides (`AS "x!"` still wins).
std::vector<bool> live_nullability(const query& described, const parsed_statement& statement,
                                   const catalog_facts& facts) {
  const nullability_result result = infer_query_nullability(described, statement, facts);
  std::vector<bool> out;
  for (const auto& c : result.columns) out.push_back(c.nullable);
  return out;
}

/// The findings for one query that prepared on the live database.
void compare(const query& generated, const query& live, const std::vector<bool>& live_nullable,
             std::vector<vet_finding>& out) {
  const auto add = [&](std::string message) {
    out.push_back({generated.location, generated.name, std::move(message)});
  };
  if (generated.params.size() != live.params.size()) {
    add(fmt::format("takes {} parameters when generated, {} in the database",
                    generated.params.size(), live.params.size()));
  } else {
    for (std::size_t i = 0; i < generated.params.size(); ++i) {
      const std::string want = display_name(generated.params[i].type);
      const std::string have = display_name(live.params[i].type);
      if (want != have) {
        add(fmt::format("parameter ${} ({}): type {} when generated, {} in the database",
                        generated.params[i].number, generated.params[i].name, want, have));
      }
    }
  }
  if (column_names(generated.columns) != column_names(live.columns)) {
    add(fmt::format("returns columns {} when generated, {} in the database",
                    column_names(generated.columns), column_names(live.columns)));
    return;  // columns do not line up: per-column comparisons would be noise
  }
  for (std::size_t i = 0; i < generated.columns.size(); ++i) {
    const column& want = generated.columns[i];
    const std::string want_type = display_name(want.type);
    const std::string have_type = display_name(live.columns[i].type);
    if (want_type != have_type) {
      add(fmt::format("column \"{}\": type {} when generated, {} in the database", want.name,
                      want_type, have_type));
    }
    if (!want.nullable && i < live_nullable.size() && live_nullable[i]) {
      add(fmt::format("column \"{}\": NOT NULL when generated, nullable in the database",
                      want.name));
    }
  }
}

}  // namespace

std::string vet_finding_text(const vet_finding& f) {
  if (f.location.line == 0) {  // asked for on the command line (`--crud`): no position
    return fmt::format("{}: error: {}: {}", f.location.file, f.query_name, f.message);
  }
  return fmt::format("{}:{}:{}: error: {}: {}", f.location.file, f.location.line, f.location.column,
                     f.query_name, f.message);
}

std::vector<vet_finding> vet_queries(PGconn* live, const ir& generated,
                                     const std::vector<vet_query_file>& files) {
  // The IR may come from the cache, which keeps no parse trees: parse the files again.
  std::vector<std::unique_ptr<source_file>> sources;
  std::vector<std::unique_ptr<parsed_file>> parsed;
  std::map<std::string, statement_source> by_name;
  for (const auto& f : files) {
    sources.push_back(std::make_unique<source_file>(f.path, f.text));
    diagnostics ignored;  // the pipeline already reported (and refused) broken files
    parsed.push_back(std::make_unique<parsed_file>(parse_query_file(*sources.back(), ignored)));
    for (const auto& s : parsed.back()->statements) {
      if (s.annot) by_name[s.annot->name] = {sources.back().get(), &s};
    }
  }

  std::vector<query> described;
  for (const auto& q : generated.queries) {
    if (by_name.count(q.name) == 0) continue;
    // Only the SQL and parameter names are kept: everything compared comes from the live
    // database (types are compared by display_name, since user-type OIDs differ between
    // databases).
    query copy = q;
    copy.columns.clear();
    for (param& p : copy.params) p.type = {};
    described.push_back(std::move(copy));
  }
  type_catalog types(live);
  const auto mapper_for = [&](const query& q) {
    const statement_source& src = by_name.at(q.name);
    return server_position_mapper(*src.file, *src.statement);
  };
  const std::vector<oracle_error> errors = describe_queries(live, types, described, mapper_for);

  std::vector<vet_finding> out;
  std::map<std::string, const oracle_error*> failed;
  for (const auto& e : errors) failed[e.query_name] = &e;
  const catalog_facts facts = read_catalog_facts(live);
  for (const auto& want : generated.queries) {
    const auto live_query = std::find_if(described.begin(), described.end(),
                                         [&](const query& q) { return q.name == want.name; });
    if (live_query == described.end()) continue;
    if (const auto it = failed.find(want.name); it != failed.end()) {
      const oracle_error& e = *it->second;
      const source_location where =
          e.position.location.file.empty() ? want.location : e.position.location;
      out.push_back(
          {where, want.name, fmt::format("no longer prepares: {} [{}]", e.message, e.sqlstate)});
      continue;
    }
    const auto nullable = live_nullability(*live_query, *by_name.at(want.name).statement, facts);
    compare(want, *live_query, nullable, out);
  }
  for (vet_finding& f : vet_crud_tables(live, generated, files)) out.push_back(std::move(f));
  return out;
}

int run_vet(const ir& generated, const std::vector<vet_query_file>& files,
            const std::string& database_url, std::ostream& out, std::ostream& err) {
  oracle_detail::connection_ptr live(PQconnectdb(database_url.c_str()));
  if (PQstatus(live.get()) != CONNECTION_OK) {
    err << "soong vet: cannot connect to --database-url: " << PQerrorMessage(live.get());
    return 2;
  }
  try {
    const std::vector<vet_finding> findings = vet_queries(live.get(), generated, files);
    for (const auto& f : findings) out << vet_finding_text(f) << "\n";
    if (!findings.empty()) {
      err << findings.size() << (findings.size() == 1 ? " query problem" : " query problems")
          << " against the database; regenerate after fixing the schema or the queries\n";
    }
    return findings.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    err << "soong vet: error: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace soong::gen::drift
