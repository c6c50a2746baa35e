#pragma once
// Which headers a generated header includes: the standard ones every generated header uses,
// then only the runtime headers it names. The JSON codec (and with it nlohmann's header) only
// comes in for a json/jsonb value, so code without one compiles without any JSON library.

#include <set>
#include <string>
#include <vector>

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// Runtime headers, as written between `<>`: "soong/execute.hpp", ...
using runtime_headers = std::set<std::string>;

/// Adds the runtime headers declaring the C++ types of `fields`.
void add_type_headers(runtime_headers& headers, const std::vector<field_model>& fields);

/// The standard headers every generated header includes, a blank line, then `headers`.
void write_common_includes(code_writer& w, const runtime_headers& headers);

}  // namespace soong::gen
