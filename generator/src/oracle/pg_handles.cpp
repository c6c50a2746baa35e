#include "oracle/pg_handles.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "soong/error.hpp"

namespace soong::gen::oracle_detail {

result_ptr exec_checked(PGconn* conn, std::string_view what, const char* sql,
                        const std::vector<std::string>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  result_ptr result(PQexecParams(conn, sql, static_cast<int>(values.size()), nullptr, values.data(),
                                 nullptr, nullptr, 0));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error(
        fmt::format("type oracle: {} failed: {}", what,
                    result ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn)));
  }
  return result;
}

std::string text_at(const PGresult* result, int row, int col) {
  if (PQgetisnull(result, row, col)) return {};
  return std::string(PQgetvalue(result, row, col),
                     static_cast<std::size_t>(PQgetlength(result, row, col)));
}

long long int_at(const PGresult* result, int row, int col) {
  if (PQgetisnull(result, row, col)) return 0;
  return std::strtoll(PQgetvalue(result, row, col), nullptr, 10);
}

bool bool_at(const PGresult* result, int row, int col) {
  return !PQgetisnull(result, row, col) && PQgetvalue(result, row, col)[0] == 't';
}

std::string quote_identifier(PGconn* conn, std::string_view name) {
  const std::unique_ptr<char, decltype(&PQfreemem)> quoted(
      PQescapeIdentifier(conn, name.data(), name.size()), &PQfreemem);
  if (quoted == nullptr) {
    throw soong::error(fmt::format("cannot quote identifier: {}", PQerrorMessage(conn)));
  }
  return quoted.get();
}

}  // namespace soong::gen::oracle_detail
