#pragma once
// Which Debian package provides a well-known PostgreSQL extension, so that a schema needing
// one the type oracle's server lacks gets an install hint instead of a bare "could not open
// extension control file".

#include <optional>
#include <string>
#include <string_view>

namespace soong::gen {

/// Where a well-known extension comes from.
struct extension_package_hint {
  std::string package;          // "postgresql-15-pgvector"
  std::string_view repository;  // empty: Debian's own archive; else e.g. "apt.postgresql.org"
};

/// The package that installs `extension` for PostgreSQL `server_major` (vector, 15 →
/// postgresql-15-pgvector); nullopt for an extension the table does not know.
[[nodiscard]] std::optional<extension_package_hint> package_for_extension(
    std::string_view extension, int server_major);

}  // namespace soong::gen
