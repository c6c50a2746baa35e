#pragma once
// The overloads of a query's functions over the RDS Data API (docs/data-api.md): same
// parameters and rows as the libpq functions, a soong::data_api::session instead of a
// connection. Written only for targets that ask for the `data_api` transport, so the headers of
// libpq-only targets never mention soong/data_api.

#include <vector>

#include "diag/diagnostic.hpp"
#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// Whether the query gets Data API overloads: `:one`, `:many`, `:exec` and `:execrows` without
/// `sqlc.embed`, `:batchexec` and `:copyfrom` (BatchExecute, see soong/data_api/batch.hpp),
/// `:batchone` and `:batchmany` (soong/data_api/batch_items.hpp). Not `:execresult`, whose
/// soong::result is a libpq result, nor the per-item (`on_item`) batch overloads, which need a
/// savepoint per item that a Data API transaction cannot give (docs/data-api.md).
[[nodiscard]] bool has_data_api_overloads(const query_model& q);
/// Whether a query of the file is a batch over the Data API (its source needs batch.hpp).
[[nodiscard]] bool uses_data_api_batch(const file_model& file);
/// Whether a query of the file is a `:batchone` or `:batchmany` (its source needs
/// batch_items.hpp).
[[nodiscard]] bool uses_data_api_batch_items(const file_model& file);

/// A diagnostic per query whose Data API form did not prepare on the build-time server.
void check_data_api_forms(const emit_model& model, std::vector<diagnostic>& errors);

/// In the header, before the generated namespace: the forward declaration of the session.
void write_data_api_forward_declaration(code_writer& w);
/// In the header: the overloads' declarations.
void write_data_api_declarations(code_writer& w, const query_model& q, const file_model& file);
/// In the source's detail namespace: the Data API SQL and the row reader.
void write_data_api_details(code_writer& w, const query_model& q);
/// In the source's namespace: the overloads' definitions.
void write_data_api_definitions(code_writer& w, const query_model& q);

}  // namespace soong::gen
