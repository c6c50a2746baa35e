#include "emit/sql_identifier.hpp"

#include <algorithm>
#include <array>

namespace soong::gen {
namespace {

// PostgreSQL's reserved, type/function-name and column-name keywords: a bare identifier that
// is one of these may be read as the keyword. Unreserved keywords are fine as identifiers.
constexpr std::array<std::string_view, 141> keywords{"all",
                                                     "analyse",
                                                     "analyze",
                                                     "and",
                                                     "any",
                                                     "array",
                                                     "as",
                                                     "asc",
                                                     "asymmetric",
                                                     "authorization",
                                                     "between",
                                                     "bigint",
                                                     "binary",
                                                     "bit",
                                                     "boolean",
                                                     "both",
                                                     "case",
                                                     "cast",
                                                     "char",
                                                     "character",
                                                     "check",
                                                     "coalesce",
                                                     "collate",
                                                     "collation",
                                                     "column",
                                                     "concurrently",
                                                     "constraint",
                                                     "create",
                                                     "cross",
                                                     "current_catalog",
                                                     "current_date",
                                                     "current_role",
                                                     "current_schema",
                                                     "current_time",
                                                     "current_timestamp",
                                                     "current_user",
                                                     "dec",
                                                     "decimal",
                                                     "default",
                                                     "deferrable",
                                                     "desc",
                                                     "distinct",
                                                     "do",
                                                     "else",
                                                     "end",
                                                     "except",
                                                     "exists",
                                                     "extract",
                                                     "false",
                                                     "fetch",
                                                     "float",
                                                     "for",
                                                     "foreign",
                                                     "freeze",
                                                     "from",
                                                     "full",
                                                     "grant",
                                                     "greatest",
                                                     "group",
                                                     "grouping",
                                                     "having",
                                                     "ilike",
                                                     "in",
                                                     "initially",
                                                     "inner",
                                                     "inout",
                                                     "int",
                                                     "integer",
                                                     "intersect",
                                                     "interval",
                                                     "into",
                                                     "is",
                                                     "isnull",
                                                     "join",
                                                     "lateral",
                                                     "leading",
                                                     "least",
                                                     "left",
                                                     "like",
                                                     "limit",
                                                     "localtime",
                                                     "localtimestamp",
                                                     "national",
                                                     "natural",
                                                     "nchar",
                                                     "none",
                                                     "normalize",
                                                     "not",
                                                     "notnull",
                                                     "null",
                                                     "nullif",
                                                     "numeric",
                                                     "offset",
                                                     "on",
                                                     "only",
                                                     "or",
                                                     "order",
                                                     "out",
                                                     "outer",
                                                     "overlaps",
                                                     "overlay",
                                                     "placing",
                                                     "position",
                                                     "precision",
                                                     "primary",
                                                     "real",
                                                     "references",
                                                     "returning",
                                                     "right",
                                                     "row",
                                                     "select",
                                                     "session_user",
                                                     "setof",
                                                     "similar",
                                                     "smallint",
                                                     "some",
                                                     "substring",
                                                     "symmetric",
                                                     "system_user",
                                                     "table",
                                                     "tablesample",
                                                     "then",
                                                     "time",
                                                     "timestamp",
                                                     "to",
                                                     "trailing",
                                                     "treat",
                                                     "trim",
                                                     "true",
                                                     "union",
                                                     "unique",
                                                     "user",
                                                     "using",
                                                     "values",
                                                     "varchar",
                                                     "variadic",
                                                     "verbose",
                                                     "when",
                                                     "where",
                                                     "window",
                                                     "with"};

bool is_bare_word(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9') || name[0] == '$') return false;
  const bool simple = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
  });
  return simple && std::find(keywords.begin(), keywords.end(), name) == keywords.end();
}

}  // namespace

std::string quoted_sql_identifier(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';  // SQL doubles a quote inside a quoted identifier
    out += c;
  }
  return out + "\"";
}

std::string sql_identifier(std::string_view name) {
  return is_bare_word(name) ? std::string(name) : quoted_sql_identifier(name);
}

std::string sql_qualified_name(std::string_view schema, std::string_view name) {
  return sql_identifier(schema) + "." + sql_identifier(name);
}

}  // namespace soong::gen
