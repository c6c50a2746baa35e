#pragma once
// A query file's prepare_all: the list of its statement descriptors (the _json twins included)
// and the function preparing them all on a connection (soong::prepare_all).

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// Header, inside namespace detail: the declaration of the file's statement list.
void write_statement_list_declaration(code_writer& w, const file_model& file);
/// Header: the declaration of prepare_all_<file>.
void write_prepare_all_declaration(code_writer& w, const file_model& file);
/// Source, inside namespace detail: the statement list.
void write_statement_list_definition(code_writer& w, const file_model& file);
/// Source: prepare_all_<file>.
void write_prepare_all_definition(code_writer& w, const file_model& file);

}  // namespace soong::gen
