#pragma once
// The soong::struct_fields specialisation of a generated struct: each field's SQL name (the
// JSON key, as row_to_json writes it) and member pointer. The runtime derives the struct's
// JSON from it (nlohmann to_json/from_json in soong/json.hpp, soong::json_writer), so
// generated files carry no JSON code and need no JSON library.

#include <string_view>
#include <vector>

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// `template <> struct soong::struct_fields<qualified_type> {...};` (at global scope).
void write_struct_fields(code_writer& w, std::string_view qualified_type,
                         const std::vector<field_model>& fields);

}  // namespace soong::gen
