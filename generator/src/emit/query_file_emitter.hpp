#pragma once
// One query file → `<rel>.hpp` (types and declarations) and `<rel>.cpp` (descriptors with the
// SQL, and function definitions).

#include <string>

#include "emit/emit_options.hpp"
#include "emit/model.hpp"

namespace soong::gen {

[[nodiscard]] std::string emit_query_header(const emit_model& model, const file_model& file,
                                            const emit_options& options);

[[nodiscard]] std::string emit_query_source(const emit_model& model, const file_model& file,
                                            const emit_options& options);

}  // namespace soong::gen
