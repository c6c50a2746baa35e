#pragma once
// Where a statement's own top-level WITH list ends, so the JSON variants can add their CTE to
// that list (PostgreSQL refuses a data-modifying WITH nested below the top level, 0A000).

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

namespace soong::gen {

/// The byte offset in `sql` (the rewritten statement that `statement` was parsed from) just
/// after the closing parenthesis of the last CTE of its top-level WITH list; 0 when there is no
/// such list or it cannot be located exactly (SEARCH/CYCLE clauses), which keeps the nested form.
[[nodiscard]] std::size_t main_statement_offset(const nlohmann::json& statement,
                                                std::string_view sql);

}  // namespace soong::gen
