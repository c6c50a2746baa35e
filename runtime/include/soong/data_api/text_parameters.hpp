#pragma once
// Text a Data API parameter cannot carry. PostgreSQL text holds neither NUL nor invalid UTF-8,
// and the service's JSON cannot carry invalid UTF-8 at all; over libpq the server refuses both
// with SQLSTATE 22021. Over the Data API the same soong::sql_error (22021, naming the query) is
// thrown before anything is sent, so a NUL is never cut off or passed on.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace soong::data_api {

/// Throws soong::sql_error with SQLSTATE 22021 naming `query_name` (and the batch item, when
/// `batch_index` is set) when a `stringValue` of `parameters` (the service's SqlParameter list)
/// holds a NUL byte or is not valid UTF-8.
void check_text_parameters(const nlohmann::json& parameters, std::string_view query_name,
                           std::optional<std::size_t> batch_index = std::nullopt);

}  // namespace soong::data_api
