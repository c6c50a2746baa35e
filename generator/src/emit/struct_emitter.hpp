#pragma once
// Plain aggregate structs (tables, views, composite types, query rows and parameters), with
// default member initialisers so designated initialisers may leave optional fields out.

#include <string_view>
#include <vector>

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// `struct name { type field{}; ... };` preceded by `doc` as a `///` comment, with a defaulted
/// operator== when every field type has one (results compare in tests: EXPECT_EQ(row, want)).
void write_struct(code_writer& w, std::string_view name, std::string_view doc,
                  const std::vector<field_model>& fields);

}  // namespace soong::gen
