#pragma once
// unchecked-optional: `*`, `->` or `.value()` on the std::optional a generated `:one` function
// returns (empty when no row matched) with no check before it. Deliberately conservative: any
// earlier mention of the variable in the function counts as a check, so it never guesses.

#include <clang/ASTMatchers/ASTMatchFinder.h>

#include <vector>

#include "finding.hpp"

namespace soong::lint {

/// Reports dereferences of unchecked `:one` results.
class unchecked_optional_check : public clang::ast_matchers::MatchFinder::MatchCallback {
 public:
  /// Findings are appended to `findings`, which must outlive the check.
  explicit unchecked_optional_check(std::vector<finding>& findings) : findings_(findings) {}

  /// Adds this check's matchers to `finder`.
  void register_matchers(clang::ast_matchers::MatchFinder& finder);

  void run(const clang::ast_matchers::MatchFinder::MatchResult& result) override;

 private:
  std::vector<finding>& findings_;
};

}  // namespace soong::lint
