#pragma once
// How a query's parameters appear in its functions: declared arguments, the values passed on
// to soong::execute, and the item type of batch and COPY functions.

#include <string>
#include <string_view>
#include <vector>

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// The parameters of the query's plain functions: `soong::connection& conn`, then
/// `std::int64_t id`, `const get_user_params& params`, or nothing more.
[[nodiscard]] std::vector<std::string> function_parameters(const query_model& q);

/// The values passed on to soong::execute after the statement: `id`, or `params.handle`,
/// `params.message`, ...
[[nodiscard]] std::vector<std::string> argument_values(const query_model& q);

/// What a batch or COPY takes a span of: the params struct, or the single parameter's type.
[[nodiscard]] std::string item_type(const query_model& q);

/// Writes the lambda turning one item into the tuple of execute's arguments (batch and COPY
/// contract), followed by `tail` (e.g. `);`).
void write_bind_lambda(code_writer& w, const query_model& q, std::string_view tail);

/// The `/// ...` text of a query's functions: its leading SQL comment, then where it is from.
[[nodiscard]] std::string function_doc(const query_model& q, const file_model& file,
                                       std::string_view what);

}  // namespace soong::gen
