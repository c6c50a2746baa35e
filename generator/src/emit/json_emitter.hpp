#pragma once
// Client-side JSON for generated structs, in the generated namespace, keys being the SQL names
// (as row_to_json writes them): nlohmann ADL `to_json`/`from_json` (std::optional support
// comes from soong/json.hpp), and `write_json` for soong::json_writer, which renders the same
// JSON as text directly (keys in column order) for soong::to_json_string.

#include <string_view>
#include <vector>

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// `to_json`, `from_json` and `write_json` for one struct (inside the generated namespace).
void write_json_functions(code_writer& w, std::string_view type,
                          const std::vector<field_model>& fields);

}  // namespace soong::gen
