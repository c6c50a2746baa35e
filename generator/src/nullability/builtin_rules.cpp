#include "nullability/builtin_rules.hpp"

#include <algorithm>
#include <array>

namespace soong::gen::detail {
namespace {

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

bool is_count_aggregate(std::string_view name) {
  // PostgreSQL 15 manual, 9.21: count and regr_count return zero, not NULL, over no rows.
  return name == "count" || name == "regr_count";
}

bool aggregate_non_null_over_any_group(std::string_view name) {
  // These aggregates keep NULL inputs as elements; they return NULL only over zero rows.
  static constexpr std::array<std::string_view, 3> names{"array_agg", "json_agg", "jsonb_agg"};
  return contains(names, name);
}

bool aggregate_non_null_over_non_null_input(std::string_view name) {
  // Deliberately an allow-list: stddev_samp, var_samp, covar_samp and corr return NULL for a
  // single row, percentile_* and mode for NULL inputs, and user aggregates can do anything.
  static constexpr std::array<std::string_view, 19> names{"sum",
                                                          "avg",
                                                          "min",
                                                          "max",
                                                          "bool_and",
                                                          "bool_or",
                                                          "every",
                                                          "bit_and",
                                                          "bit_or",
                                                          "bit_xor",
                                                          "string_agg",
                                                          "xmlagg",
                                                          "stddev_pop",
                                                          "var_pop",
                                                          "covar_pop",
                                                          "range_agg",
                                                          "range_intersect_agg",
                                                          "json_object_agg",
                                                          "jsonb_object_agg"};
  return contains(names, name);
}

bool window_function_never_null(std::string_view name) {
  // 9.22: lag, lead, first_value, last_value and nth_value return NULL past the frame.
  static constexpr std::array<std::string_view, 6> names{"row_number",   "rank",      "dense_rank",
                                                         "percent_rank", "cume_dist", "count"};
  return contains(names, name);
}

bool strict_function_may_return_null(std::string_view name) {
  static constexpr std::array<std::string_view, 34> names{
      // 9.19: NULL for empty arrays or when the element is not found.
      "array_length", "array_lower", "array_upper", "array_ndims", "array_dims", "array_position",
      // 9.7.3: NULL when the pattern does not match.
      "regexp_match", "regexp_substr",
      // 9.16: NULL when the key, index or path is missing.
      "json_extract_path", "json_extract_path_text", "jsonb_extract_path",
      "jsonb_extract_path_text", "json_array_element", "json_array_element_text",
      "jsonb_array_element", "jsonb_array_element_text", "json_object_field",
      "json_object_field_text", "jsonb_object_field", "jsonb_object_field_text",
      "jsonb_path_query_first", "jsonb_path_match", "jsonb_path_exists",
      // 9.27: NULL when the setting or object does not exist, or on a Unix socket.
      "current_setting", "to_regclass", "to_regtype", "to_regproc", "to_regprocedure", "to_regoper",
      "to_regoperator", "to_regrole", "to_regnamespace", "inet_client_addr", "inet_server_addr"};
  // Catalog information functions (pg_get_*, obj_description, ...) return NULL for unknown
  // objects; none is needed in application queries, so all of them are treated as nullable.
  return contains(names, name) || name.starts_with("pg_") || name.ends_with("_description");
}

bool function_never_returns_null(std::string_view name) {
  // 9.4: concat ignores NULL arguments; 9.16: the json builders turn NULL into JSON null.
  // 9.10: enum_range(NULL::e) is the point of the function; it returns an array (empty for an
  // enum without labels), never NULL, also for the bounded two-argument form.
  static constexpr std::array<std::string_view, 9> names{
      "concat",           "json_build_object", "jsonb_build_object",
      "json_build_array", "jsonb_build_array", "num_nulls",
      "num_nonnulls",     "array_append",      "enum_range"};
  return contains(names, name);
}

bool function_null_only_with_first_argument(std::string_view name) {
  return name == "format" || name == "concat_ws";
}

bool extension_function_never_null(std::string_view extension, std::string_view name) {
  struct entry {
    std::string_view extension;
    std::string_view name;
  };
  // F.47 uuid-ossp, F.28 pgcrypto (gen_random_uuid is also a builtin since PostgreSQL 13),
  // F.35 pg_trgm: each computes a value from its arguments and has no "not found" case.
  // pgcrypto's decrypt/pgp_* functions are left out: they fail or return NULL on bad input.
  static constexpr std::array<entry, 21> entries{{{"uuid-ossp", "uuid_generate_v1"},
                                                  {"uuid-ossp", "uuid_generate_v1mc"},
                                                  {"uuid-ossp", "uuid_generate_v3"},
                                                  {"uuid-ossp", "uuid_generate_v4"},
                                                  {"uuid-ossp", "uuid_generate_v5"},
                                                  {"uuid-ossp", "uuid_nil"},
                                                  {"uuid-ossp", "uuid_ns_dns"},
                                                  {"uuid-ossp", "uuid_ns_url"},
                                                  {"uuid-ossp", "uuid_ns_oid"},
                                                  {"uuid-ossp", "uuid_ns_x500"},
                                                  {"pgcrypto", "digest"},
                                                  {"pgcrypto", "hmac"},
                                                  {"pgcrypto", "crypt"},
                                                  {"pgcrypto", "gen_salt"},
                                                  {"pgcrypto", "gen_random_uuid"},
                                                  {"pgcrypto", "gen_random_bytes"},
                                                  {"pg_trgm", "similarity"},
                                                  {"pg_trgm", "word_similarity"},
                                                  {"pg_trgm", "strict_word_similarity"},
                                                  {"pg_trgm", "show_trgm"},
                                                  {"pg_trgm", "show_limit"}}};
  return std::any_of(entries.begin(), entries.end(),
                     [&](const entry& e) { return e.extension == extension && e.name == name; });
}

bool operator_may_return_null(std::string_view symbol) {
  // 9.16: -> ->> #> #>> give NULL for a missing key or index; @? and @@ give NULL when the
  // jsonpath result is not boolean.
  static constexpr std::array<std::string_view, 6> symbols{"->", "->>", "#>", "#>>", "@?", "@@"};
  return contains(symbols, symbol);
}

bool is_comparison_operator(std::string_view symbol) {
  static constexpr std::array<std::string_view, 13> symbols{
      "=", "<>", "!=", "<", ">", "<=", ">=", "~~", "~~*", "~", "~*", "@>", "<@"};
  return contains(symbols, symbol);
}

}  // namespace soong::gen::detail
