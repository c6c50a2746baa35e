#include "constant_sql.hpp"

#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>

namespace soong::lint {

namespace {

// Variables initialised from variables: bounded so a pathological chain cannot recurse forever.
constexpr int max_depth = 16;

bool is_constant_text(const clang::Expr* e, int depth);

/// Constructors that only copy or view their first argument: string_view(const char*),
/// string(const char*, allocator = default), string_view(const string_view&).
bool constructs_from_first_argument(const clang::CXXConstructExpr* c) {
  if (c->getNumArgs() == 0) return false;
  for (unsigned i = 1; i < c->getNumArgs(); ++i) {
    if (!llvm::isa<clang::CXXDefaultArgExpr>(c->getArg(i))) return false;
  }
  return true;
}

bool is_constant_variable(const clang::ValueDecl* decl, int depth) {
  const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(decl);
  // A parameter is whatever the caller passed, even when declared const.
  if (var == nullptr || llvm::isa<clang::ParmVarDecl>(var)) return false;
  if (!var->isConstexpr() && !var->getType().isConstQualified()) return false;
  const clang::Expr* init = var->getAnyInitializer();
  return init != nullptr && is_constant_text(init, depth + 1);
}

bool is_constant_text(const clang::Expr* e, int depth) {
  if (e == nullptr || depth > max_depth) return false;
  e = e->IgnoreImplicit()->IgnoreParens();
  if (llvm::isa<clang::StringLiteral>(e)) return true;
  if (const auto* udl = llvm::dyn_cast<clang::UserDefinedLiteral>(e)) {
    const clang::IdentifierInfo* suffix = udl->getUDSuffix();
    const bool string_suffix =
        suffix != nullptr && (suffix->getName() == "sv" || suffix->getName() == "s");
    return string_suffix && udl->getLiteralOperatorKind() == clang::UserDefinedLiteral::LOK_String;
  }
  if (const auto* c = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    return constructs_from_first_argument(c) && is_constant_text(c->getArg(0), depth);
  }
  if (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(e)) {
    return is_constant_text(cast->getSubExpr(), depth);
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    // A std::string constant viewed as std::string_view (operator basic_string_view).
    return llvm::isa_and_nonnull<clang::CXXConversionDecl>(call->getMethodDecl()) &&
           is_constant_text(call->getImplicitObjectArgument(), depth);
  }
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
    return list->getNumInits() == 1 && is_constant_text(list->getInit(0), depth);
  }
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    return is_constant_variable(ref->getDecl(), depth);
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    return is_constant_variable(member->getMemberDecl(), depth);  // static member via object
  }
  if (const auto* choice = llvm::dyn_cast<clang::ConditionalOperator>(e)) {
    return is_constant_text(choice->getTrueExpr(), depth) &&
           is_constant_text(choice->getFalseExpr(), depth);
  }
  return false;
}

}  // namespace

bool is_constant_sql(const clang::Expr* sql) { return is_constant_text(sql, 0); }

}  // namespace soong::lint
