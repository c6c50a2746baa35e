#pragma once
// PostgreSQL enums as `enum class`, with label conversions and soong::enum_traits.

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// The enum class and its `to_string` / `<name>_from_string` functions (inside the namespace).
void write_enum(code_writer& w, const enum_model& e);

/// The soong::enum_traits specialisation (at global scope, after the enum).
void write_enum_traits(code_writer& w, const emit_model& model, const enum_model& e);

}  // namespace soong::gen
