#include "raw_sql_check.hpp"

#include <string>

#include "clang_position.hpp"
#include "constant_sql.hpp"

namespace soong::lint {

using namespace clang::ast_matchers;

void raw_sql_check::register_matchers(MatchFinder& finder) {
  // Matched by qualified name, so `using soong::execute_sql;` and ADL calls are found too.
  finder.addMatcher(
      traverse(clang::TK_AsIs, callExpr(callee(functionDecl(hasAnyName("::soong::execute_sql",
                                                                       "::soong::execute_script"))
                                                   .bind("callee")))
                                   .bind("call")),
      this);
}

void raw_sql_check::run(const MatchFinder::MatchResult& result) {
  const auto* call = result.Nodes.getNodeAs<clang::CallExpr>("call");
  const auto* callee = result.Nodes.getNodeAs<clang::FunctionDecl>("callee");
  const clang::SourceManager& sm = *result.SourceManager;
  // Both functions take (connection&, std::string_view sql, ...).
  if (call == nullptr || callee == nullptr || call->getNumArgs() < 2) return;
  if (sm.isInSystemHeader(sm.getFileLoc(call->getBeginLoc()))) return;
  const clang::Expr* sql = call->getArg(1);
  if (is_constant_sql(sql)) return;

  const std::string function = "soong::" + callee->getNameAsString();
  finding f;
  f.kind = check::raw_sql;
  f.where = position_of(sql->getBeginLoc(), sm);
  f.message = "SQL built at run time passed to " + function +
              "; use a generated query function (soong generate) or a string literal";
  f.notes.push_back(
      {f.where,
       "put the statement in a .sql file under a '-- name: <Name> :one|:many|:exec' annotation "
       "and call the generated function, which binds every value as a parameter"});
  findings_.push_back(std::move(f));
}

}  // namespace soong::lint
