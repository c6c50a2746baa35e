#pragma once
// The generator's own diagnostic codes, one name per code, so a reader sees what a code means
// where it is raised. docs/diagnostics.md is the user-facing table; keep both in step (a test
// fails when a code here is missing there). SOONG001-SOONG099 belong to the front end (reading
// query files), SOONG100-SOONG199 to the driver and the type oracle, SOONG200-SOONG299 to the
// emitter, SOONG350-SOONG399 to `soong migrate` (the migrations folder and its ledger).

namespace soong::gen::codes {

// The front end (parse/, and :copyfrom targets read from the parse tree).

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
inline constexpr const char* sqlc_only_command = "SOONG014";
inline constexpr const char* embed_misplaced = "SOONG015";
inline constexpr const char* copyfrom_target = "SOONG020";
inline constexpr const char* session_state_behind_pooler = "SOONG030";
/// `-- soong:route replica` on a statement that writes (parse/statement_access.hpp).
inline constexpr const char* writing_statement_routed_to_replica = "SOONG031";

// The driver and the type oracle.
inline constexpr const char* oracle_unavailable = "SOONG100";
/// `soong db schema-load` / `seed` (lifecycle/sql_file_runner.cpp).
inline constexpr const char* transaction_ended_in_load = "SOONG110";
/// A schema's CREATE EXTENSION names an extension the server does not have installed.
inline constexpr const char* extension_not_installed = "SOONG120";

// The emitter (emit/model.cpp).
inline constexpr const char* unsupported_type = "SOONG200";
inline constexpr const char* invalid_namespace = "SOONG201";
inline constexpr const char* output_path_outside_queries = "SOONG202";
inline constexpr const char* rows_without_columns = "SOONG203";
inline constexpr const char* batch_without_parameters = "SOONG204";
inline constexpr const char* enum_label_collision = "SOONG205";
inline constexpr const char* crud_unknown_table = "SOONG210";
inline constexpr const char* crud_without_primary_key = "SOONG211";
inline constexpr const char* crud_statement_rejected = "SOONG212";
inline constexpr const char* crud_malformed_request = "SOONG213";
inline constexpr const char* crud_name_collision = "SOONG214";

// `soong migrate` (lifecycle/migration_folder.cpp, migration_plan.cpp, migration_runner.cpp).

inline constexpr const char* migration_file_name = "SOONG350";
inline constexpr const char* duplicate_migration_version = "SOONG351";
inline constexpr const char* mixed_version_widths = "SOONG352";
inline constexpr const char* migration_changed = "SOONG353";
inline constexpr const char* migration_file_missing = "SOONG354";
inline constexpr const char* migration_out_of_order = "SOONG355";
inline constexpr const char* migration_partial = "SOONG356";
inline constexpr const char* transaction_control_in_migration = "SOONG357";
inline constexpr const char* no_transaction_under_transaction_lock = "SOONG358";
inline constexpr const char* resumed_prefix_changed = "SOONG359";

/// Every SOONG code above, in order: tests/docs/diagnostics_doc_test checks that each is
/// documented in docs/diagnostics.md and that no source file spells a code itself.
inline constexpr const char* all_soong_codes[] = {malformed_annotation,
                                                  unknown_command,
                                                  missing_query_name,
                                                  invalid_query_name,
                                                  duplicate_query_name,
                                                  annotation_without_statement,
                                                  mixed_parameter_styles,
                                                  annotation_inside_statement,
                                                  statement_without_annotation,
                                                  missing_command,
                                                  malformed_parameter,
                                                  parameter_number_gap,
                                                  override_without_name,
                                                  sqlc_only_command,
                                                  embed_misplaced,
                                                  copyfrom_target,
                                                  session_state_behind_pooler,
                                                  writing_statement_routed_to_replica,
                                                  oracle_unavailable,
                                                  transaction_ended_in_load,
                                                  extension_not_installed,
                                                  unsupported_type,
                                                  invalid_namespace,
                                                  output_path_outside_queries,
                                                  rows_without_columns,
                                                  batch_without_parameters,
                                                  enum_label_collision,
                                                  migration_file_name,
                                                  duplicate_migration_version,
                                                  mixed_version_widths,
                                                  migration_changed,
                                                  migration_file_missing,
                                                  migration_out_of_order,
                                                  migration_partial,
                                                  transaction_control_in_migration,
                                                  no_transaction_under_transaction_lock,
                                                  resumed_prefix_changed,
                                                  crud_unknown_table,
                                                  crud_without_primary_key,
                                                  crud_statement_rejected,
                                                  crud_malformed_request,
                                                  crud_name_collision};

/// PostgreSQL's SQLSTATE for syntax errors, used for libpg_query's parse and scan errors
/// because the server reports the same conditions with it.
inline constexpr const char* syntax_error = "42601";
/// PostgreSQL's SQLSTATE for text that is not valid in the database encoding (invalid UTF-8, or
/// a NUL byte), used when a query file holds such bytes.
inline constexpr const char* invalid_byte_sequence = "22021";

}  // namespace soong::gen::codes
