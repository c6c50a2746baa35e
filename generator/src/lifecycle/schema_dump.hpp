#pragma once
// `soong schema dump --from-migrations DIR -o sql/schema.sql`: the schema the migrations build,
// as one loadable file. The migrations run on a throwaway server and pg_dump --schema-only
// prints the result; what would differ between runs or machines (session settings, pg_dump's
// random \restrict key, version banners) is removed, so the same folder always gives the
// same bytes and the file can be checked in and diffed.

#include <filesystem>
#include <string>

namespace soong::gen::lifecycle {

/// pg_dump's output with settings, psql meta-commands, version banners and bare `--` lines
/// removed, and runs of blank lines collapsed.
[[nodiscard]] std::string reproducible_schema(const std::string& pg_dump_output);

/// Applies `dir` on a throwaway server and returns the schema text (soong's bookkeeping schema
/// left out). Throws soong::error (a migration that fails, pg_dump missing or failing).
[[nodiscard]] std::string dump_schema_from_migrations(const std::filesystem::path& dir);

}  // namespace soong::gen::lifecycle
