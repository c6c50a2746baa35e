#pragma once
// Client-side JSON for generated structs: nlohmann ADL `to_json`/`from_json` in the generated
// namespace. Keys are the SQL names (as row_to_json writes them), so a struct serialised here
// and a row serialised by PostgreSQL agree. nlohmann 3.11 has no std::optional support, so the
// schema header carries small helpers in its detail namespace (NULL ↔ null, missing ↔ null).

#include <string_view>
#include <vector>

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// The detail helpers (once, in schema.hpp, inside the generated namespace).
void write_json_helpers(code_writer& w, const emit_model& model);

/// `to_json` and `from_json` for one struct (inside the generated namespace).
void write_json_functions(code_writer& w, std::string_view type,
                          const std::vector<field_model>& fields);

}  // namespace soong::gen
