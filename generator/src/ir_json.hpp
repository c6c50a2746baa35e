#pragma once
// The IR as JSON, two ways:
//  - a lossless round trip of the whole `ir` (to_json/from_json, found by nlohmann's ADL), used
//    as the format of the result cache;
//  - the `soong describe --format json` document, the stable interface for other tools:
//    {"queries":[{"name":"GetAuthor","command":"one","file":"query.sql","line":3,
//      "params":[{"name":"id","type":"int8","nullable":false,"array_dims":0}],
//      "columns":[{"name":"id","type":"int8","nullable":false,"array_dims":0}]}]}

#include <nlohmann/json.hpp>

#include "ir.hpp"

namespace soong::gen {

// Lossless conversions. from_json throws nlohmann::json::exception on a missing key, a wrong
// type or an unknown enum word: a cache entry that does not read back exactly is not used.
void to_json(nlohmann::json& j, const source_location& v);
void from_json(const nlohmann::json& j, source_location& v);
void to_json(nlohmann::json& j, const command& v);
void from_json(const nlohmann::json& j, command& v);
void to_json(nlohmann::json& j, const type_kind& v);
void from_json(const nlohmann::json& j, type_kind& v);
void to_json(nlohmann::json& j, const pg_type& v);
void from_json(const nlohmann::json& j, pg_type& v);
void to_json(nlohmann::json& j, const column_origin& v);
void from_json(const nlohmann::json& j, column_origin& v);
void to_json(nlohmann::json& j, const param& v);
void from_json(const nlohmann::json& j, param& v);
void to_json(nlohmann::json& j, const column& v);
void from_json(const nlohmann::json& j, column& v);
void to_json(nlohmann::json& j, const query& v);
void from_json(const nlohmann::json& j, query& v);
void to_json(nlohmann::json& j, const enum_type& v);
void from_json(const nlohmann::json& j, enum_type& v);
void to_json(nlohmann::json& j, const composite_field& v);
void from_json(const nlohmann::json& j, composite_field& v);
void to_json(nlohmann::json& j, const composite_type& v);
void from_json(const nlohmann::json& j, composite_type& v);
void to_json(nlohmann::json& j, const table_column& v);
void from_json(const nlohmann::json& j, table_column& v);
void to_json(nlohmann::json& j, const key_constraint& v);
void from_json(const nlohmann::json& j, key_constraint& v);
void to_json(nlohmann::json& j, const foreign_key& v);
void from_json(const nlohmann::json& j, foreign_key& v);
void to_json(nlohmann::json& j, const crud_request& v);
void from_json(const nlohmann::json& j, crud_request& v);
void to_json(nlohmann::json& j, const table& v);
void from_json(const nlohmann::json& j, table& v);
void to_json(nlohmann::json& j, const ir& v);
void from_json(const nlohmann::json& j, ir& v);

/// "base", "enum", "composite", "domain" or "pseudo".
[[nodiscard]] std::string_view to_string(type_kind kind);

/// The `soong describe --format json` document. Keys keep the documented order; besides the
/// documented keys, queries carry "column" and "sql" (the rewritten SQL), `:one` queries
/// "exactly_one_row" (the generated function returns the row, not std::optional of it),
/// parameters "number", and every type entry "schema" and "kind" (extra keys are allowed by the
/// contract).
[[nodiscard]] nlohmann::ordered_json describe_json(const ir& value);

}  // namespace soong::gen
