#include "unchecked_optional_check.hpp"

#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/Stmt.h>

#include <optional>
#include <string>

#include "clang_position.hpp"
#include "generated_query.hpp"

namespace soong::lint {

using namespace clang::ast_matchers;

namespace {

const clang::Expr* strip(const clang::Expr* e) {
  const clang::Expr* previous = nullptr;
  while (e != nullptr && e != previous) {
    previous = e;
    e = e->IgnoreImplicit()->IgnoreParens();
  }
  return e;
}

/// The `:one` query `e` calls directly, if it does.
std::optional<query_origin> one_query_called_by(const clang::Expr* e,
                                                const clang::ASTContext& context) {
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(strip(e));
  if (call == nullptr || call->getDirectCallee() == nullptr) return std::nullopt;
  auto origin = generated_query_of(*call->getDirectCallee(), context);
  if (!origin || origin->command != "one") return std::nullopt;
  return origin;
}

/// Whether `var` is tested before `use`: it is a condition variable (`if (auto row = ...)`), or
/// it is mentioned anywhere in its function before `use` (`if (!row) return;`,
/// `row.has_value() ? ...`, passed on, reassigned).
class earlier_mention_finder : public clang::RecursiveASTVisitor<earlier_mention_finder> {
 public:
  earlier_mention_finder(const clang::VarDecl& var, const clang::DeclRefExpr& use,
                         const clang::SourceManager& sm)
      : var_(var), use_(use), sm_(sm) {}

  bool VisitDeclRefExpr(clang::DeclRefExpr* ref) {
    if (ref->getDecl() == &var_ && ref != &use_ &&
        sm_.isBeforeInTranslationUnit(ref->getBeginLoc(), use_.getBeginLoc())) {
      found_ = true;
    }
    return !found_;
  }
  bool VisitIfStmt(clang::IfStmt* s) { return note_condition(s->getConditionVariable()); }
  bool VisitWhileStmt(clang::WhileStmt* s) { return note_condition(s->getConditionVariable()); }
  bool VisitForStmt(clang::ForStmt* s) { return note_condition(s->getConditionVariable()); }

  [[nodiscard]] bool found() const { return found_; }

 private:
  bool note_condition(const clang::VarDecl* condition) {
    if (condition == &var_) found_ = true;
    return !found_;
  }

  const clang::VarDecl& var_;
  const clang::DeclRefExpr& use_;
  const clang::SourceManager& sm_;
  bool found_ = false;
};

bool checked_before(const clang::VarDecl& var, const clang::DeclRefExpr& use,
                    const clang::SourceManager& sm) {
  const auto* function =
      llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  // Not inside a function we can read: assume checked rather than guess.
  if (function == nullptr || function->getBody() == nullptr) return true;
  earlier_mention_finder finder(var, use, sm);
  finder.TraverseStmt(function->getBody());
  return finder.found();
}

}  // namespace

void unchecked_optional_check::register_matchers(MatchFinder& finder) {
  const auto optional_method = cxxMethodDecl(ofClass(hasName("::std::optional")));
  finder.addMatcher(
      traverse(clang::TK_AsIs,
               cxxOperatorCallExpr(hasAnyOverloadedOperatorName("*", "->"), callee(optional_method),
                                   hasArgument(0, expr().bind("object")))
                   .bind("dereference")),
      this);
  finder.addMatcher(
      traverse(clang::TK_AsIs,
               cxxMemberCallExpr(
                   callee(cxxMethodDecl(hasName("value"), ofClass(hasName("::std::optional")))),
                   on(expr().bind("object")))
                   .bind("dereference")),
      this);
}

void unchecked_optional_check::run(const MatchFinder::MatchResult& result) {
  const auto* dereference = result.Nodes.getNodeAs<clang::CallExpr>("dereference");
  const auto* object = result.Nodes.getNodeAs<clang::Expr>("object");
  const clang::SourceManager& sm = *result.SourceManager;
  const clang::ASTContext& context = *result.Context;
  if (dereference == nullptr || object == nullptr) return;
  const clang::SourceLocation at = dereference->getExprLoc();
  if (sm.isInSystemHeader(sm.getFileLoc(at)) || is_in_generated_file(at, sm)) return;

  std::optional<query_origin> query = one_query_called_by(object, context);
  if (!query) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(strip(object));
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || llvm::isa<clang::ParmVarDecl>(var) || !var->hasLocalStorage() ||
        var->getType()->isReferenceType()) {
      return;
    }
    query = one_query_called_by(var->getInit(), context);
    if (!query || checked_before(*var, *ref, sm)) return;
  }

  finding f;
  f.kind = check::unchecked_optional;
  f.where = position_of(at, sm);
  f.message = "result of " + query->query_name +
              " (:one) used without checking it holds a row; it is empty when no row matches";
  f.notes.push_back(
      {f.where, "test it first (`if (auto row = ...)`, `if (!row) ...`) or use value_or"});
  findings_.push_back(std::move(f));
}

}  // namespace soong::lint
