#pragma once
// prepare_all at three levels: each query file's (its statement descriptors, the _json twins
// included), each CRUD table's (its fixed statements), and the target's (all of those), each a
// function preparing a list of descriptors on a connection (soong::prepare_all).

#include <string>
#include <vector>

#include "emit/code_writer.hpp"
#include "emit/crud_model.hpp"
#include "emit/emit_options.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// One prepare_all_<...> function and the statement list it prepares.
struct statement_list_model {
  std::string prepare_function;         // prepare_all_users, prepare_all_users_crud
  std::string statements_function;      // users_statements (namespace detail)
  std::string list_doc;                 // the list's comment
  std::string prepare_doc;              // the function's comment
  std::vector<std::string> statements;  // descriptor variables in namespace detail, in order
};

/// A query file's statements, in query order (COPY has none).
[[nodiscard]] statement_list_model statement_list_of(const file_model& file);

/// A CRUD table's fixed statements: `fixed` are their descriptor variables (the source emitter
/// defines them).
[[nodiscard]] statement_list_model crud_statement_list_of(const crud_table_model& table,
                                                          std::vector<std::string> fixed);

/// Header, inside namespace detail: the declaration of the statement list.
void write_statement_list_declaration(code_writer& w, const statement_list_model& list);
/// Header: the declaration of the prepare function.
void write_prepare_all_declaration(code_writer& w, const statement_list_model& list);
/// Source, inside namespace detail: the statement list.
void write_statement_list_definition(code_writer& w, const statement_list_model& list);
/// Source: the prepare function.
void write_prepare_all_definition(code_writer& w, const statement_list_model& list);

/// `<target>.prepare_all.hpp` and `.cpp` (emit_options::prepare_all_target): the target's
/// prepare_all over the lists of every query file and every CRUD table. The source declares
/// the lists itself instead of including the files' headers, so editing one query file does
/// not recompile it.
[[nodiscard]] std::string emit_target_prepare_all_header(const emit_model& model,
                                                         const std::vector<crud_table_model>& crud,
                                                         const emit_options& options);
[[nodiscard]] std::string emit_target_prepare_all_source(const emit_model& model,
                                                         const std::vector<crud_table_model>& crud,
                                                         const emit_options& options);

}  // namespace soong::gen
