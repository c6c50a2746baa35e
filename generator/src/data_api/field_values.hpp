#pragma once
// The Data API's `Field` values as the service gives them to PostgreSQL and takes them back.
// Parameters: the service binds each value with a fixed type (a longValue is int8, a
// stringValue is varchar unless its typeHint says UUID, TIMESTAMP, DATE, TIME, DECIMAL or JSON),
// so an untyped string compared with a uuid column fails as it does on AWS. Results: booleans,
// integers, floats and bytea come back typed, 1-D arrays as arrayValue, everything else as
// PostgreSQL's text in stringValue (timestamptz in UTC without the offset).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "soong/oid.hpp"

namespace soong::gen::data_api {

/// A parameter ready for PQexecParams (text format).
struct bound_parameter {
  std::optional<std::string> text;  ///< nullopt: SQL NULL
  unsigned int type_oid = 0;        ///< 0: let the server infer (NULL)
};

/// Turns one SqlParameter (`{name, value: Field, typeHint?}`) into a bound value. Throws
/// soong::error with the service's wording for arrays, unknown hints and malformed Fields.
[[nodiscard]] bound_parameter bind_parameter(const nlohmann::json& parameter);

/// One result value as a Field. `text` is PostgreSQL's text output (nullopt for NULL) of a
/// column of type `type_oid`. Throws soong::error (UnsupportedResultException) for values the
/// service cannot return (multi-dimensional arrays, arrays holding NULL).
[[nodiscard]] nlohmann::json result_field(const std::optional<std::string_view>& text,
                                          unsigned int type_oid);

}  // namespace soong::gen::data_api
