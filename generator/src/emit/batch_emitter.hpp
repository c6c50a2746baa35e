#pragma once
// `:batchexec`, `:batchone`, `:batchmany` (one round trip in libpq pipeline mode, through
// soong::execute_batch) and `:copyfrom` (binary COPY, through soong::copy_from). Both take a
// span of items: the params struct, or the single parameter's type.

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// The COPY descriptor (soong::copy_statement) of a `:copyfrom` query, inside the source
/// file's detail namespace, after the parameter type array.
void write_copy_descriptor(code_writer& w, const query_model& q);

/// The body of a batch or COPY function (source file; the caller writes the signature).
void write_batch_body(code_writer& w, const query_model& q);

/// The template overload of a `:batchexec`, `:batchone` or `:batchmany` function that delivers
/// each item's outcome to a callback (header file); nothing for other commands.
void write_per_item_overload(code_writer& w, const query_model& q, const file_model& file);

/// Whether any query of the file needs soong/pipeline.hpp or soong/copy.hpp.
[[nodiscard]] bool uses_pipeline(const file_model& file);
[[nodiscard]] bool uses_copy(const file_model& file);

}  // namespace soong::gen
