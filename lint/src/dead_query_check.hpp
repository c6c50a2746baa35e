#pragma once
// dead-query: a generated query function that no translation unit calls. Needs the whole
// program: it collects declared and used queries across every translation unit, then reports.

#include <clang/ASTMatchers/ASTMatchFinder.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "finding.hpp"
#include "generated_query.hpp"

namespace soong::lint {

/// Collects generated queries and their uses; `findings()` reports the unused ones.
class dead_query_check : public clang::ast_matchers::MatchFinder::MatchCallback {
 public:
  /// `sql_root` (absolute) is the folder the generated doc comments' .sql paths are relative to
  /// (the generator's --base).
  explicit dead_query_check(std::string sql_root) : sql_root_(std::move(sql_root)) {}

  /// Adds this check's matchers to `finder`.
  void register_matchers(clang::ast_matchers::MatchFinder& finder);

  void run(const clang::ast_matchers::MatchFinder::MatchResult& result) override;

  /// One finding per query declared in some translation unit and referenced in none, at the
  /// query's .sql location.
  [[nodiscard]] std::vector<finding> findings() const;

 private:
  void note_use(const clang::FunctionDecl& fn, clang::SourceLocation at,
                const clang::ASTContext& context);

  std::string sql_root_;
  std::set<query_origin> declared_;
  std::set<query_origin> used_;
};

}  // namespace soong::lint
