#pragma once
// Query names become C++ function names in one namespace, so they must be unique across all
// query files of a run, not just within one file.

#include <map>
#include <string>

#include "diag/diagnostic.hpp"
#include "parse/parsed_statement.hpp"

namespace soong::gen {

/// Remembers every query name seen so far and reports duplicates. Feed it the files in the
/// order the driver reads them: the second definition is the error, with a note at the first.
class query_name_registry {
 public:
  /// Checks the annotated statements of `parsed` (parsed from `file`); reports each name that
  /// was already used, here or in an earlier file, as SOONG005.
  void add(const source_file& file, const parsed_file& parsed, diagnostics& diags);

 private:
  std::map<std::string, diagnostic> first_definitions_;  // name -> "first defined here" note
};

}  // namespace soong::gen
