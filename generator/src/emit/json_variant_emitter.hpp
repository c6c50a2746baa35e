#pragma once
// `<query>_json` functions for `:one` and `:many`: PostgreSQL builds the JSON text
// (row_to_json / array_to_json), the client passes it through without parsing.

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// Declaration with its `///` comment (header), if the query has a JSON variant.
void write_json_variant_declaration(code_writer& w, const query_model& q, const file_model& file);

/// Definition (source file), if the query has a JSON variant.
void write_json_variant_definition(code_writer& w, const query_model& q);

}  // namespace soong::gen
