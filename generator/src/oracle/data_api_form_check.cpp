#include "oracle/data_api_form_check.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "emit/statement_emitter.hpp"
#include "oracle/data_api_form.hpp"
#include "oracle/pg_handles.hpp"

namespace soong::gen {
namespace {

/// The send function of a column's type as regproc text; nullopt when the type has none.
std::optional<std::string> send_function(PGconn* conn, const pg_type& type) {
  if (type.array_dims > 0) return "array_send";
  const std::string oid = std::to_string(type.oid);
  const char* values[] = {oid.c_str()};
  const oracle_detail::result_ptr r(PQexecParams(
      conn,
      "SELECT typsend::regproc::text FROM pg_catalog.pg_type WHERE oid = $1::oid AND typsend <> 0",
      1, nullptr, values, nullptr, nullptr, 0));
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1) return std::nullopt;
  return std::string(PQgetvalue(r.get(), 0, 0));
}

/// PostgreSQL's reason for refusing to prepare `sql` (with `$n` placeholders); nullopt when it
/// prepares.
std::optional<std::string> prepare_failure(PGconn* conn, const std::string& sql) {
  const oracle_detail::result_ptr prepared(PQprepare(conn, "", sql.c_str(), 0, nullptr));
  if (PQresultStatus(prepared.get()) == PGRES_COMMAND_OK) return std::nullopt;
  const char* message = PQresultErrorField(prepared.get(), PG_DIAG_MESSAGE_PRIMARY);
  return message != nullptr ? std::string(message) : std::string(PQerrorMessage(conn));
}

/// The `_json` twin's Data API form: the twin's SQL (one json column, which the service answers
/// as its text) with the same cast placeholders as the statement's own form.
void build_data_api_json_form(PGconn* conn, query& q) {
  if ((q.cmd != command::one && q.cmd != command::many) || !q.embeds.empty()) return;
  const std::string twin = json_variant_sql(q);
  if (auto failure = prepare_failure(conn, data_api_numbered_placeholders(q, twin))) {
    q.data_api_json_error = std::move(*failure);
    return;
  }
  q.data_api_json_sql = data_api_placeholders(q, twin);
}

}  // namespace

void build_data_api_form(PGconn* conn, query& q) {
  build_data_api_json_form(conn, q);
  std::vector<std::string> functions;
  for (const column& c : q.columns) {
    const std::optional<std::string> f = send_function(conn, c.type);
    if (!f) {
      q.data_api_error =
          fmt::format("column \"{}\" is of type {}, which has no binary form to send", c.name,
                      exact_type_name(c.type));
      return;
    }
    functions.push_back(*f);
  }
  const std::string numbered = data_api_sql(q, functions, placeholder_style::numbered);
  if (auto failure = prepare_failure(conn, numbered)) {
    q.data_api_error = std::move(*failure);
    return;
  }
  q.data_api_sql = data_api_sql(q, functions, placeholder_style::named);
}

}  // namespace soong::gen
