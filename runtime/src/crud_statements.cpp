// The bounded cache of CRUD statements per column set (soong/crud_call.hpp).

#include <fmt/format.h>
#include <libpq-fe.h>

#include <string>
#include <utility>

#include "connection_state.hpp"
#include "soong/crud_call.hpp"
#include "soong/error.hpp"

namespace soong {

std::size_t cached_crud_statements(connection& conn) {
  return conn.state().crud_statements.entries.size();
}

namespace detail {

namespace {

/// Deallocates dropped statements on the server when that cannot disturb a transaction.
void deallocate_pending(connection_state& s) {
  crud_statement_cache& cache = s.crud_statements;
  if (cache.pending_deallocations.empty()) return;
  if (PQstatus(s.conn) != CONNECTION_OK || PQtransactionStatus(s.conn) != PQTRANS_IDLE) return;
  if (uses_named_statements(s)) {
    for (const std::string& name : cache.pending_deallocations) {
      const std::string sql = "DEALLOCATE " + name;
      // Best effort: a statement the server already lost needs no deallocation.
      PQclear(PQexec(s.conn, sql.c_str()));
    }
  }
  cache.pending_deallocations.clear();
}

/// Drops the least recently used entry and its prepared statements.
void evict_oldest(connection_state& s) {
  crud_statement_cache& cache = s.crud_statements;
  const crud_statement_entry& oldest = cache.entries.back();
  if (const auto prepared = s.statements.find(oldest.sql); prepared != s.statements.end()) {
    for (const prepared_statement& p : prepared->second) {
      if (!p.name.empty()) cache.pending_deallocations.push_back(p.name);
    }
    s.statements.erase(prepared);
    // Other descriptors may have shared an entry with the same SQL text: drop the whole index
    // (it is rebuilt on the next call of each statement).
    s.by_descriptor.clear();
  } else {
    s.by_descriptor.erase(&oldest.descriptor);
  }
  cache.index.erase({oldest.table, oldest.key});
  cache.entries.pop_back();
}

}  // namespace

void resolve_crud_parameter(connection& conn, const type_ref& type, oid_t& oid, oid_t& wire) {
  if (type.oid != 0) {
    oid = type.oid;
    wire = type.oid;
    return;
  }
  const user_type& user = conn.types().lookup(type.schema, type.name);
  oid = user.oid;
  wire = user.wire_oid;
}

const statement& crud_statement(connection& conn, const crud_table& table,
                                std::string_view function, std::string_view shape,
                                std::span<const type_ref> params, std::span<const type_ref> columns,
                                crud_sql_builder build) {
  connection_state& s = conn.state();
  crud_statement_cache& cache = s.crud_statements;
  std::string key(function);
  key += '\0';
  key += shape;
  if (const auto hit = cache.index.find(std::pair<const void*, std::string>(&table, key));
      hit != cache.index.end()) {
    cache.entries.splice(cache.entries.begin(), cache.entries, hit->second);
    return hit->second->descriptor;
  }
  while (cache.entries.size() >= crud_statement_cache_capacity) evict_oldest(s);
  deallocate_pending(s);
  crud_statement_entry& entry = cache.entries.emplace_front();
  entry.table = &table;
  entry.key = std::move(key);
  entry.name = fmt::format("{} ({})", function, shape);
  entry.sql = build(table, shape);
  entry.params.assign(params.begin(), params.end());
  entry.descriptor = statement{entry.name, entry.sql, entry.params, columns};
  cache.index.emplace(std::pair<const void*, std::string>(&table, entry.key),
                      cache.entries.begin());
  return entry.descriptor;
}

void throw_empty_update(std::string_view function) {
  throw error(fmt::format(
      "{}: empty update: the patch sets no column (every field is soong::keep); set at least "
      "one field with soong::set(...)",
      function));
}

void throw_stale_version(std::string_view function, std::string_view column) {
  throw error(fmt::format(
      "{}: stale version: the stored row's {} is not the one given (it changed since it was "
      "read); nothing was written",
      function, column));
}

void throw_mixed_defaults(std::string_view function, std::string_view column) {
  throw error(fmt::format(
      "{}: column {} uses its default in some rows and has a value in others; one INSERT of "
      "many rows writes a column for all rows or for none: insert the two groups separately",
      function, column));
}

}  // namespace detail
}  // namespace soong
