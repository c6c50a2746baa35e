#pragma once
// Finds the extensions a schema creates (`CREATE EXTENSION [IF NOT EXISTS] name ...`), with
// the position of each name, so that one the server lacks is reported at the name.

#include <cstddef>
#include <string>
#include <vector>

namespace soong::gen {

struct created_extension {
  std::string name;        // as PostgreSQL folds it: lower case unless quoted
  std::size_t offset = 0;  // byte offset of the name in the text
  std::size_t length = 0;  // of the name as written
};

/// The extensions `sql` creates, in text order; none when the text does not scan.
[[nodiscard]] std::vector<created_extension> find_created_extensions(const std::string& sql);

}  // namespace soong::gen
