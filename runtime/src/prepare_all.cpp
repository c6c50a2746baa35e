// prepare_all: each statement through the same preparation as its first call, every failure
// collected into one error.

#include "soong/prepare_all.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "column_check.hpp"
#include "connection_state.hpp"
#include "soong/execute.hpp"

namespace soong {

namespace {

using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string describe_failures(const std::vector<prepare_failure>& failures,
                              std::size_t statement_count) {
  std::string text = fmt::format("prepare_all: {} of {} statements no longer prepare",
                                 failures.size(), statement_count);
  const char* separator = ": ";
  for (const prepare_failure& f : failures) {
    text += separator;
    text += f.query_name + ": " + f.message;
    if (!f.sqlstate.empty()) text += " [" + f.sqlstate + "]";
    separator = "; ";
  }
  return text;
}

/// An unnamed statement is prepared on every call, so preparing it now would cache nothing:
/// parse and describe it unnamed in one pipeline (one server session behind a transaction pooler)
/// to check that it still prepares and still has its columns.
void check_unnamed(detail::connection_state& s, const statement& stmt,
                   const detail::prepared_statement& prepared) {
  if (PQenterPipelineMode(s.conn) != 1) detail::throw_connection_lost(s, stmt.name);
  const int params = static_cast<int>(prepared.param_oids.size());
  const bool sent =
      PQsendPrepare(s.conn, "", prepared.sql, params, prepared.param_oids.data()) == 1 &&
      PQsendDescribePrepared(s.conn, "") == 1 && PQpipelineSync(s.conn) == 1;
  if (!sent) detail::throw_connection_lost(s, stmt.name);
  // Parse, Describe, Sync: each result but the sync's is followed by a NULL.
  std::vector<result_ptr> results;
  while (results.size() < 3) {
    PGresult* r = PQgetResult(s.conn);
    if (r == nullptr) {
      if (PQstatus(s.conn) != CONNECTION_OK) detail::throw_connection_lost(s, stmt.name);
      continue;
    }
    const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
    results.emplace_back(r, &PQclear);
    if (sync) break;
  }
  PQexitPipelineMode(s.conn);
  for (const result_ptr& r : results) {
    const ExecStatusType status = PQresultStatus(r.get());
    if (status == PGRES_FATAL_ERROR) detail::throw_sql_error(stmt.name, r.get());
  }
  if (results.size() < 2 || PQresultStatus(results[1].get()) != PGRES_COMMAND_OK) {
    detail::throw_connection_lost(s, stmt.name);
  }
  std::vector<oid_t> oids;
  std::vector<std::string> names;
  detail::read_columns(results[1].get(), oids, names);
  detail::check_declared_columns(s, stmt, oids, names);
}

}  // namespace

prepare_error::prepare_error(std::vector<prepare_failure> failures, std::size_t statement_count)
    : error(describe_failures(failures, statement_count)), failures_(std::move(failures)) {}

void prepare_all(connection& conn, std::span<const statement* const> statements) {
  detail::connection_state& s = conn.state();
  std::vector<prepare_failure> failures;
  for (const statement* stmt : statements) {
    try {
      const detail::connection_use use(conn, stmt->name);
      const detail::prepared_statement& prepared = detail::prepare(conn, *stmt);
      if (prepared.name.empty()) check_unnamed(s, *stmt, prepared);
    } catch (const connection_error&) {
      throw;
    } catch (const sql_error& e) {
      failures.push_back({std::string(stmt->name), e.message(), e.sqlstate()});
    } catch (const error& e) {
      // soong's own check (schema_mismatch, ...): its message already names the query.
      std::string message = e.what();
      const std::string prefix = std::string(stmt->name) + ": ";
      if (message.starts_with(prefix)) message.erase(0, prefix.size());
      failures.push_back({std::string(stmt->name), std::move(message), {}});
    }
  }
  if (!failures.empty()) throw prepare_error(std::move(failures), statements.size());
}

}  // namespace soong
