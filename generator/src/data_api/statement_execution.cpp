#include "data_api/statement_execution.hpp"

#include <memory>
#include <optional>

#include "data_api/field_values.hpp"
#include "data_api/named_placeholders.hpp"
#include "data_api/service_failure.hpp"
#include "soong/data_api/service_error.hpp"
#include "soong/error.hpp"

namespace soong::gen::data_api {

namespace {

using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string field_text(const PGresult* res, int code) {
  const char* value = PQresultErrorField(res, code);
  return value == nullptr ? std::string() : std::string(value);
}

/// The service reports SQL errors as DatabaseErrorException with PostgreSQL's report.
service_failure database_error(const PGresult* res, PGconn* conn) {
  sql_error_fields fields;
  fields.sqlstate = field_text(res, PG_DIAG_SQLSTATE);
  fields.message = field_text(res, PG_DIAG_MESSAGE_PRIMARY);
  if (fields.message.empty()) fields.message = PQerrorMessage(conn);
  fields.detail = field_text(res, PG_DIAG_MESSAGE_DETAIL);
  fields.hint = field_text(res, PG_DIAG_MESSAGE_HINT);
  if (const std::string position = field_text(res, PG_DIAG_STATEMENT_POSITION); !position.empty()) {
    fields.position = std::stoi(position);
  }
  if (fields.sqlstate.empty()) fields.sqlstate = "08006";  // the connection failed
  return service_failure(400, "DatabaseErrorException", soong::data_api::format_database_error(fields));
}

void set_statement_timeout(PGconn* conn, std::chrono::milliseconds timeout) {
  const std::string sql = "SET statement_timeout = " + std::to_string(timeout.count());
  (void)run_command(conn, sql.c_str());
}

/// pg_type's name of a type (int4, varchar, uuid, ...), as columnMetadata's typeName.
std::string type_name(PGconn* conn, Oid type) {
  const std::string oid_text = std::to_string(type);
  const char* values[] = {oid_text.c_str()};
  const result_ptr res(PQexecParams(conn, "SELECT typname FROM pg_catalog.pg_type WHERE oid = $1::oid",
                                    1, nullptr, values, nullptr, nullptr, 0),
                       &PQclear);
  if (PQresultStatus(res.get()) != PGRES_TUPLES_OK || PQntuples(res.get()) != 1) return oid_text;
  return PQgetvalue(res.get(), 0, 0);
}

}  // namespace

prepared_call prepare_call(const std::string& sql) {
  if (sql.empty()) throw bad_request("SQL is required");
  if (sql.size() > max_sql_characters) {
    throw bad_request("SQL length exceeds the maximum of 65536 characters");
  }
  try {
    if (statement_count(sql) != 1) {
      throw bad_request("Multistatement transaction not supported; send one statement per call");
    }
    numbered_sql numbered = number_placeholders(sql);
    return {std::move(numbered.text), std::move(numbered.names)};
  } catch (const soong::error& e) {
    throw bad_request(e.what());
  }
}

std::string run_command(PGconn* conn, const char* sql) {
  const result_ptr res(PQexec(conn, sql), &PQclear);
  const ExecStatusType status = PQresultStatus(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw database_error(res.get(), conn);
  }
  return PQcmdStatus(res.get());
}

nlohmann::json execute_call(PGconn* conn, const prepared_call& call,
                            const nlohmann::json& parameters, bool include_metadata,
                            std::chrono::milliseconds timeout) {
  std::vector<bound_parameter> bound(call.names.size());
  std::vector<bool> given(call.names.size(), false);
  if (!parameters.is_null() && !parameters.is_array()) throw bad_request("parameters must be a list");
  for (const nlohmann::json& parameter : parameters.is_array() ? parameters : nlohmann::json::array()) {
    const std::string name = parameter.value("name", std::string());
    for (std::size_t i = 0; i < call.names.size(); ++i) {
      if (call.names[i] != name) continue;
      try {
        bound[i] = bind_parameter(parameter);
      } catch (const soong::error& e) {
        throw bad_request(e.what());
      }
      given[i] = true;
    }
  }
  for (std::size_t i = 0; i < call.names.size(); ++i) {
    if (!given[i]) throw bad_request("No value specified for parameter: " + call.names[i]);
  }
  std::vector<Oid> types;
  std::vector<const char*> values;
  for (const bound_parameter& p : bound) {
    types.push_back(p.type_oid);
    values.push_back(p.text ? p.text->c_str() : nullptr);
  }

  set_statement_timeout(conn, timeout);
  const result_ptr res(PQexecParams(conn, call.sql.c_str(), static_cast<int>(values.size()),
                                    types.data(), values.data(), nullptr, nullptr, 0),
                       &PQclear);
  const ExecStatusType status = PQresultStatus(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    if (field_text(res.get(), PG_DIAG_SQLSTATE) == "57014" && timeout.count() > 0) {
      throw service_failure(400, "StatementTimeoutException", "Request timed out");
    }
    throw database_error(res.get(), conn);
  }

  nlohmann::json answer = nlohmann::json::object();
  // Rows written (INSERT/UPDATE/DELETE, with or without RETURNING); a read reports 0.
  const char* updated = PQcmdTuples(res.get());
  const std::string_view command = PQcmdStatus(res.get());
  answer["numberOfRecordsUpdated"] =
      command.substr(0, 6) != "SELECT" && *updated != '\0' ? std::stoll(updated) : 0;
  if (status == PGRES_TUPLES_OK) {
    const int rows = PQntuples(res.get());
    const int columns = PQnfields(res.get());
    nlohmann::json records = nlohmann::json::array();
    std::size_t response_bytes = 0;
    for (int r = 0; r < rows; ++r) {
      nlohmann::json record = nlohmann::json::array();
      std::size_t row_bytes = 0;
      for (int c = 0; c < columns; ++c) {
        std::optional<std::string_view> text;
        if (!PQgetisnull(res.get(), r, c)) {
          text = std::string_view(PQgetvalue(res.get(), r, c),
                                  static_cast<std::size_t>(PQgetlength(res.get(), r, c)));
          row_bytes += text->size();
        }
        try {
          record.push_back(result_field(text, PQftype(res.get(), c)));
        } catch (const soong::error& e) {
          throw service_failure(400, "UnsupportedResultException", e.what());
        }
      }
      if (row_bytes > max_row_bytes) {
        throw bad_request("Database returned a row larger than the row size limit of 64 KB");
      }
      response_bytes += record.dump().size();
      if (response_bytes > max_response_bytes) {
        throw bad_request("Database returned more than the allowed response size limit");
      }
      records.push_back(std::move(record));
    }
    answer["records"] = std::move(records);
    if (include_metadata) {
      nlohmann::json metadata = nlohmann::json::array();
      for (int c = 0; c < columns; ++c) {
        metadata.push_back({{"name", PQfname(res.get(), c)},
                            {"label", PQfname(res.get(), c)},
                            {"typeName", type_name(conn, PQftype(res.get(), c))}});
      }
      answer["columnMetadata"] = std::move(metadata);
    }
  }
  return answer;
}

}  // namespace soong::gen::data_api
