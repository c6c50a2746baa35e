#pragma once
// schema.hpp: the types shared by all query files (enums, composites, tables and views), their
// runtime traits (enum labels, composite attributes, struct field lists).

#include <string>

#include "emit/emit_options.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// The text of schema.hpp.
[[nodiscard]] std::string emit_schema_header(const emit_model& model, const emit_options& options);

}  // namespace soong::gen
