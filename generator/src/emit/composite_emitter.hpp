#pragma once
// PostgreSQL composite types as structs, with soong::composite_traits.

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// The composite structs, each after the composites it contains (C++ needs complete member
/// types), otherwise by name.
[[nodiscard]] std::vector<const struct_model*> composites_in_dependency_order(
    const emit_model& model);

/// The soong::composite_traits specialisation (at global scope, after the struct).
void write_composite_traits(code_writer& w, const emit_model& model, const struct_model& c);

}  // namespace soong::gen
