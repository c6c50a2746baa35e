#include "parse/ir_query.hpp"

#include <stdexcept>

#include "parse/main_statement.hpp"

namespace soong::gen {

query make_ir_query(const parsed_statement& statement) {
  if (!statement.annot) {
    throw std::invalid_argument("make_ir_query: statement at line " +
                                std::to_string(statement.location.line) + " has no annotation");
  }
  query q;
  q.name = statement.annot->name;
  q.cmd = statement.annot->cmd;
  q.location = statement.location;
  q.sql = statement.sql;
  q.doc = statement.doc;
  q.rewritten_sql = statement.rewritten_sql;
  q.main_statement_offset = main_statement_offset(statement.tree, statement.rewritten_sql);
  for (const parsed_param& p : statement.params) {
    param out;
    out.number = p.number;
    out.name = p.name;
    out.nullable = p.nullable_forced;
    q.params.push_back(std::move(out));
  }
  return q;
}

}  // namespace soong::gen
