#pragma once
// The two output forms of `soong drift`: lines for people, JSON for machines.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "drift/snapshot_diff.hpp"

namespace soong::gen::drift {

/// "missing", "extra" or "changed".
[[nodiscard]] const char* to_string(difference_kind kind);

/// One difference_text line per difference, each ending in '\n'; empty when there are none.
[[nodiscard]] std::string differences_text(const std::vector<difference>& differences);

/// `{"drift": bool, "differences": [{"kind", "object_type", "object", "aspect", "expected",
/// "actual", "message"}]}`; `expected` is null for `extra`, `actual` null for `missing`,
/// `aspect` null unless `changed`; `message` is the text line.
[[nodiscard]] nlohmann::json differences_json(const std::vector<difference>& differences);

}  // namespace soong::gen::drift
