#pragma once
// Which Debian package provides a well-known PostgreSQL extension, so that a schema needing
// one the type oracle's server lacks gets an install hint instead of a bare "could not open
// extension control file".

#include <optional>
#include <string>
#include <string_view>

namespace soong::gen {

/// The package that installs `extension` for PostgreSQL `server_major` (e.g. vector, 15 →
/// "postgresql-15-pgvector"), with a note when Debian itself does not carry it; nullopt for
/// an extension the table does not know.
[[nodiscard]] std::optional<std::string> package_for_extension(std::string_view extension,
                                                               int server_major);

}  // namespace soong::gen
