#include "oracle/describe.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>

#include "oracle/pg_handles.hpp"
#include "oracle/schema_apply.hpp"
#include "parse/server_position.hpp"

namespace soong::gen {
namespace {

// PostgreSQL's message for 42P18 names the parameter: `could not determine data type of
// parameter $2`. The number is read back from it to write the hint.
std::string cast_hint(const std::string& message) {
  const auto dollar = message.rfind('$');
  std::string param = "$1";
  if (dollar != std::string::npos) {
    std::size_t end = dollar + 1;
    while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end]))) ++end;
    if (end > dollar + 1) param = message.substr(dollar, end - dollar);
  }
  return fmt::format(
      "add a cast to give the parameter a type, e.g. `{0}::int4` (or `@name::text`, "
      "`sqlc.arg(name)::uuid`)",
      param);
}

}  // namespace

statement_description describe_statement(PGconn* conn, type_catalog& types, std::string_view sql,
                                         const position_mapper& map_position) {
  statement_description out;
  const std::string text(sql);
  oracle_detail::result_ptr prepared(PQprepare(conn, "", text.c_str(), 0, nullptr));
  oracle_detail::result_ptr described;
  if (PQresultStatus(prepared.get()) == PGRES_COMMAND_OK) {
    described.reset(PQdescribePrepared(conn, ""));
  }
  const PGresult* failed = nullptr;
  if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
    failed = prepared.get();
  } else if (PQresultStatus(described.get()) != PGRES_COMMAND_OK) {
    failed = described.get();
  }
  if (failed != nullptr || !prepared) {
    const auto fields = error_fields(failed, conn);
    oracle_error error;
    error.position = map_position(fields.position > 0 ? fields.position : 1);
    error.message = fields.message;
    error.sqlstate = fields.sqlstate;
    error.detail = fields.detail;
    error.hint = fields.sqlstate == "42P18" ? cast_hint(fields.message) : fields.hint;
    out.error = std::move(error);
    return out;
  }
  const PGresult* d = described.get();
  for (int i = 0; i < PQnparams(d); ++i) {
    out.param_types.push_back(types.resolve(PQparamtype(d, i)));
  }
  for (int i = 0; i < PQnfields(d); ++i) {
    column c;
    c.name = PQfname(d, i);
    c.type = types.resolve(PQftype(d, i), PQfmod(d, i));
    c.origin = types.column_of(PQftable(d, i), PQftablecol(d, i));
    out.columns.push_back(std::move(c));
  }
  return out;
}

std::vector<oracle_error> describe_queries(
    PGconn* conn, type_catalog& types, std::vector<query>& queries,
    const std::function<position_mapper(const query&)>& mapper_for) {
  std::vector<oracle_error> errors;
  for (auto& q : queries) {
    auto description = describe_statement(conn, types, q.rewritten_sql, mapper_for(q));
    if (description.error) {
      description.error->query_name = q.name;
      errors.push_back(std::move(*description.error));
      continue;
    }
    for (std::size_t i = 0; i < description.param_types.size(); ++i) {
      const int number = static_cast<int>(i) + 1;
      auto it = std::find_if(q.params.begin(), q.params.end(),
                             [&](const param& p) { return p.number == number; });
      if (it == q.params.end()) {
        q.params.push_back(param{number, fmt::format("p{}", number), {}, false});
        it = std::prev(q.params.end());
      }
      it->type = std::move(description.param_types[i]);
    }
    std::sort(q.params.begin(), q.params.end(),
              [](const param& a, const param& b) { return a.number < b.number; });
    q.columns = std::move(description.columns);
  }
  return errors;
}

file_position file_position_of_server_position(const source_file& file,
                                               const parsed_statement& statement,
                                               int character_position) {
  const std::size_t offset = file_offset_of_server_position(statement, character_position);
  return file_position{file.location_of(offset), offset};
}

position_mapper server_position_mapper(const source_file& file, const parsed_statement& statement) {
  return [&file, &statement](int character_position) {
    return file_position_of_server_position(file, statement, character_position);
  };
}

}  // namespace soong::gen
