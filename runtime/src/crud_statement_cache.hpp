#pragma once
// Private: the per-connection cache of CRUD statements whose SQL depends on the call's column
// set (soong/crud_call.hpp). Bounded: the least recently used shape is dropped, together with
// its prepared statement, when another is needed.

#include <cstddef>
#include <list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "soong/statement.hpp"

namespace soong::detail {

/// One shape's statement; the descriptor points into the strings and vector beside it.
struct crud_statement_entry {
  const void* table = nullptr;
  std::string key;  // function name, NUL, shape
  std::string name;
  std::string sql;
  std::vector<type_ref> params;
  statement descriptor;
};

struct crud_statement_cache {
  // Most recently used first; list nodes keep each descriptor's address while it is cached
  // (the prepared-statement cache indexes descriptors by address).
  std::list<crud_statement_entry> entries;
  std::map<std::pair<const void*, std::string>, std::list<crud_statement_entry>::iterator,
           std::less<>>
      index;
  // Server-side names of dropped shapes, deallocated once the connection is outside a
  // transaction (a failing DEALLOCATE inside one would abort the user's transaction).
  std::vector<std::string> pending_deallocations;

  void clear() {
    index.clear();
    entries.clear();
    pending_deallocations.clear();
  }
};

}  // namespace soong::detail
