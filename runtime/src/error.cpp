// soong's exceptions: message formatting and the SQLSTATE → class mapping.

#include "soong/error.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <memory>

#include "connection_state.hpp"
#include "soong/codec.hpp"
#include "soong/result.hpp"

namespace soong {

namespace {

std::string sql_error_message(const std::string& query_name, const sql_error_fields& f,
                              std::optional<std::size_t> batch_index) {
  std::string text = query_name.empty() ? std::string("query") : query_name;
  if (batch_index) text += fmt::format(": batch item {}", *batch_index);
  text += fmt::format(": {} [{}]", f.message, f.sqlstate);
  if (!f.detail.empty()) text += fmt::format("; detail: {}", f.detail);
  if (!f.hint.empty()) text += fmt::format("; hint: {}", f.hint);
  if (!f.constraint.empty()) text += fmt::format("; constraint: {}", f.constraint);
  return text;
}

std::string field(const PGresult* res, int code) {
  const char* value = PQresultErrorField(res, code);
  return value != nullptr ? std::string(value) : std::string();
}

/// "GetUser" and the column's name ("name", column 2) of a decode context.
std::string describe_column(const decode_context& ctx) {
  if (ctx.owner == nullptr) return "value";
  return fmt::format("column \"{}\" (#{}), row {}", ctx.owner->column_name(ctx.column),
                     ctx.column + 1, ctx.row);
}

std::string query_of(const decode_context& ctx) {
  return ctx.owner != nullptr ? std::string(ctx.owner->query_name()) : std::string("decode");
}

}  // namespace

sql_error::sql_error(std::string query_name, sql_error_fields fields,
                     std::optional<std::size_t> batch_index)
    : error(sql_error_message(query_name, fields, batch_index)),
      query_name_(std::move(query_name)),
      fields_(std::move(fields)),
      batch_index_(batch_index) {}

unexpected_null::unexpected_null(std::string query_name, std::string column_name, int row)
    : error(fmt::format("{}: {} is NULL in row {}, but its C++ type is not std::optional",
                        query_name, column_name, row)),
      query_name_(std::move(query_name)),
      column_name_(std::move(column_name)),
      row_(row) {}

namespace detail {

void throw_decode_error(const decode_context& ctx, std::string_view message) {
  throw schema_mismatch(fmt::format("{}: {}: {}", query_of(ctx), describe_column(ctx), message));
}

void throw_column_type_mismatch(const decode_context& ctx) {
  throw_decode_error(ctx, "column type " + builtin_type_name(ctx.oid) +
                              " does not decode as the requested C++ type");
}

void throw_length_error(const decode_context& ctx, int length, int wanted) {
  throw_decode_error(ctx, fmt::format("expected {} bytes of binary data, got {}", wanted, length));
}

void throw_unexpected_null(const decode_context& ctx, std::string_view what) {
  std::string column = ctx.owner != nullptr
                           ? fmt::format("column \"{}\"", ctx.owner->column_name(ctx.column))
                           : std::string("value");
  if (!what.empty()) column.append(" ").append(what);
  throw unexpected_null(query_of(ctx), column, ctx.row);
}

void throw_encode_error(std::string_view message) { throw error(std::string(message)); }

namespace {

struct builtin_type {
  oid_t oid;
  const char* name;
};

// The built-in types soong maps, by name: the one table error messages take names from.
constexpr builtin_type builtin_types[] = {
    {oids::bool_, "bool"},
    {oids::bytea, "bytea"},
    {oids::name, "name"},
    {oids::int8, "int8"},
    {oids::int2, "int2"},
    {oids::int4, "int4"},
    {oids::text, "text"},
    {oids::json, "json"},
    {oids::float4, "float4"},
    {oids::float8, "float8"},
    {oids::unknown, "unknown"},
    {oids::bpchar, "bpchar"},
    {oids::varchar, "varchar"},
    {oids::date, "date"},
    {oids::time, "time"},
    {oids::timestamp, "timestamp"},
    {oids::timestamptz, "timestamptz"},
    {oids::interval, "interval"},
    {oids::numeric, "numeric"},
    {oids::uuid, "uuid"},
    {oids::jsonb, "jsonb"},
};

}  // namespace

const char* builtin_type_label(oid_t oid) noexcept {
  for (const builtin_type& t : builtin_types) {
    if (t.oid == oid) return t.name;
  }
  return nullptr;
}

std::string builtin_type_name(oid_t oid) {
  const char* name = builtin_type_label(oid);
  return name != nullptr ? fmt::format("{} (oid {})", name, oid) : fmt::format("oid {}", oid);
}

sql_error_fields error_fields(const PGresult* res) {
  sql_error_fields f;
  f.sqlstate = field(res, PG_DIAG_SQLSTATE);
  f.message = field(res, PG_DIAG_MESSAGE_PRIMARY);
  if (f.message.empty()) f.message = PQresultErrorMessage(res);
  f.detail = field(res, PG_DIAG_MESSAGE_DETAIL);
  f.hint = field(res, PG_DIAG_MESSAGE_HINT);
  f.schema = field(res, PG_DIAG_SCHEMA_NAME);
  f.table = field(res, PG_DIAG_TABLE_NAME);
  f.column = field(res, PG_DIAG_COLUMN_NAME);
  f.constraint = field(res, PG_DIAG_CONSTRAINT_NAME);
  if (const std::string pos = field(res, PG_DIAG_STATEMENT_POSITION); !pos.empty()) {
    f.position = std::atoi(pos.c_str());
  }
  return f;
}

std::string_view sqlstate_of(const PGresult* res) {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  return state != nullptr ? std::string_view(state) : std::string_view();
}

bool is_server_error(const connection_state& s, const PGresult* res) {
  return PQstatus(s.conn) == CONNECTION_OK && !sqlstate_of(res).empty();
}

void throw_sql_error(std::string query_name, sql_error_fields f,
                     std::optional<std::size_t> batch_index) {
  std::string name = std::move(query_name);
  const std::string state = f.sqlstate;
  if (state == "23505") throw unique_violation(std::move(name), std::move(f), batch_index);
  if (state == "23503") throw foreign_key_violation(std::move(name), std::move(f), batch_index);
  if (state == "23502") throw not_null_violation(std::move(name), std::move(f), batch_index);
  if (state == "23514") throw check_violation(std::move(name), std::move(f), batch_index);
  if (state == "40001") throw serialization_failure(std::move(name), std::move(f), batch_index);
  if (state == "40P01") throw deadlock_detected(std::move(name), std::move(f), batch_index);
  if (state == "57014") throw query_canceled(std::move(name), std::move(f), batch_index);
  throw sql_error(std::move(name), std::move(f), batch_index);
}

void throw_sql_error(std::string_view query_name, const PGresult* res) {
  throw_sql_error(std::string(query_name), error_fields(res), std::nullopt);
}

}  // namespace detail
}  // namespace soong
