#pragma once
// raw-sql: a call to soong::execute_sql / soong::execute_script whose SQL is built at run time,
// the injection risk that string-built SQL carries.

#include <clang/ASTMatchers/ASTMatchFinder.h>

#include <vector>

#include "finding.hpp"

namespace soong::lint {

/// Reports raw-SQL calls whose SQL argument is not constant text (see is_constant_sql).
class raw_sql_check : public clang::ast_matchers::MatchFinder::MatchCallback {
 public:
  /// Findings are appended to `findings`, which must outlive the check.
  explicit raw_sql_check(std::vector<finding>& findings) : findings_(findings) {}

  /// Adds this check's matchers to `finder`.
  void register_matchers(clang::ast_matchers::MatchFinder& finder);

  void run(const clang::ast_matchers::MatchFinder::MatchResult& result) override;

 private:
  std::vector<finding>& findings_;
};

}  // namespace soong::lint
