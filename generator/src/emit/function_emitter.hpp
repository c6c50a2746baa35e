#pragma once
// The query functions: one per query, declared in the header (with a `///` comment) and
// defined in the source file; `:many` also gets a streaming overload (a template, so it is
// defined in the header).

#include <string>
#include <vector>

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// The C++ return type of the query's main function.
[[nodiscard]] std::string return_type(const query_model& q);

/// The main function's parameters (`soong::connection& conn`, ...).
[[nodiscard]] std::vector<std::string> main_function_parameters(const query_model& q);

/// Declarations (and the streaming template) for the header.
void write_function_declarations(code_writer& w, const query_model& q, const file_model& file);

/// Definitions for the source file.
void write_function_definitions(code_writer& w, const query_model& q);

}  // namespace soong::gen
