#pragma once
// The generator's own diagnostic codes, one name per code, so a reader sees what a code means
// where it is raised. docs/diagnostics.md is the user-facing table; keep both in step.
// SOONG001-SOONG099 belong to the front end (parse/); other stages start at SOONG100.

namespace soong::gen::codes {

inline constexpr const char* malformed_annotation = "SOONG001";
inline constexpr const char* unknown_command = "SOONG002";
inline constexpr const char* missing_query_name = "SOONG003";
inline constexpr const char* invalid_query_name = "SOONG004";
inline constexpr const char* duplicate_query_name = "SOONG005";
inline constexpr const char* annotation_without_statement = "SOONG006";
inline constexpr const char* mixed_parameter_styles = "SOONG007";
inline constexpr const char* annotation_inside_statement = "SOONG008";
inline constexpr const char* statement_without_annotation = "SOONG009";
inline constexpr const char* missing_command = "SOONG010";
inline constexpr const char* malformed_parameter = "SOONG011";
inline constexpr const char* parameter_number_gap = "SOONG012";
inline constexpr const char* override_without_name = "SOONG013";

/// PostgreSQL's SQLSTATE for syntax errors, used for libpg_query's parse and scan errors
/// because the server reports the same conditions with it.
inline constexpr const char* syntax_error = "42601";

}  // namespace soong::gen::codes
