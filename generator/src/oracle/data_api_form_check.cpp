#include "oracle/data_api_form_check.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

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

}  // namespace

void build_data_api_form(PGconn* conn, query& q) {
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
  const oracle_detail::result_ptr prepared(PQprepare(conn, "", numbered.c_str(), 0, nullptr));
  if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
    const char* message = PQresultErrorField(prepared.get(), PG_DIAG_MESSAGE_PRIMARY);
    q.data_api_error = message != nullptr ? message : PQerrorMessage(conn);
    return;
  }
  q.data_api_sql = data_api_sql(q, functions, placeholder_style::named);
}

}  // namespace soong::gen
