#include "dead_query_check.hpp"

#include <clang/AST/ExprCXX.h>

#include <filesystem>

#include "clang_position.hpp"

namespace soong::lint {

using namespace clang::ast_matchers;

void dead_query_check::register_matchers(MatchFinder& finder) {
  const auto in_generated_header = isExpansionInFileMatching(R"(\.sql\.hpp$)");
  finder.addMatcher(functionDecl(in_generated_header).bind("declared"), this);
  // A reference, not only a call: taking a query's address to call it later is a use.
  finder.addMatcher(
      traverse(clang::TK_AsIs,
               declRefExpr(to(functionDecl(in_generated_header).bind("used"))).bind("reference")),
      this);
  // A call inside a template that was never instantiated is still unresolved.
  finder.addMatcher(unresolvedLookupExpr().bind("unresolved"), this);
}

void dead_query_check::note_use(const clang::FunctionDecl& fn, clang::SourceLocation at,
                                const clang::ASTContext& context) {
  // Generated sources call their own helpers and define the functions: not uses.
  if (is_in_generated_file(at, context.getSourceManager())) return;
  if (auto origin = generated_query_of(fn, context)) used_.insert(std::move(*origin));
}

void dead_query_check::run(const MatchFinder::MatchResult& result) {
  const clang::ASTContext& context = *result.Context;
  if (const auto* fn = result.Nodes.getNodeAs<clang::FunctionDecl>("declared")) {
    if (auto origin = generated_query_of(*fn, context)) declared_.insert(std::move(*origin));
    return;
  }
  if (const auto* ref = result.Nodes.getNodeAs<clang::DeclRefExpr>("reference")) {
    if (const auto* fn = result.Nodes.getNodeAs<clang::FunctionDecl>("used")) {
      note_use(*fn, ref->getBeginLoc(), context);
    }
    return;
  }
  if (const auto* lookup = result.Nodes.getNodeAs<clang::UnresolvedLookupExpr>("unresolved")) {
    for (const clang::NamedDecl* candidate : lookup->decls()) {
      const clang::NamedDecl* target = candidate->getUnderlyingDecl();
      if (const auto* tmpl = llvm::dyn_cast<clang::FunctionTemplateDecl>(target)) {
        note_use(*tmpl->getTemplatedDecl(), lookup->getBeginLoc(), context);
      } else if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(target)) {
        note_use(*fn, lookup->getBeginLoc(), context);
      }
    }
  }
}

std::vector<finding> dead_query_check::findings() const {
  std::vector<finding> out;
  for (const query_origin& query : declared_) {
    if (used_.contains(query)) continue;
    const std::string file = sql_root_.empty()
                                 ? query.sql_file
                                 : (std::filesystem::path(sql_root_) / query.sql_file).string();
    finding f;
    f.kind = check::dead_query;
    f.where = {absolute_path(file), query.sql_line, 1};
    f.message = "query " + query.query_name + " is never called";
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace soong::lint
