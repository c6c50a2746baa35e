#include "parse/query_names.hpp"

#include <fmt/format.h>

#include "diag/codes.hpp"

namespace soong::gen {

void query_name_registry::add(const source_file& file, const parsed_file& parsed,
                              diagnostics& diags) {
  for (const parsed_statement& statement : parsed.statements) {
    if (!statement.annot) continue;
    const annotation& a = *statement.annot;
    const auto first = first_definitions_.find(a.name);
    if (first == first_definitions_.end()) {
      first_definitions_.emplace(
          a.name, make_diagnostic(file, a.name_offset, a.name.size(), severity::note,
                                  fmt::format("query \"{}\" is first defined here", a.name)));
      continue;
    }
    diagnostic d = make_diagnostic(file, a.name_offset, a.name.size(), severity::error,
                                   fmt::format("duplicate query name \"{}\"", a.name),
                                   codes::duplicate_query_name);
    d.notes.push_back(first->second);
    diags.add(std::move(d));
  }
}

}  // namespace soong::gen
