#pragma once
// Reads a catalog_snapshot from a live connection: the one reader used for both sides of a
// drift comparison.

#include <libpq-fe.h>

#include <string>
#include <vector>

#include "drift/catalog_snapshot.hpp"

namespace soong::gen::drift {

/// Reads the objects of the schemas named in `schema_names` (relations, their constraints and
/// indexes, enums, composite types, domains) and every installed extension. Objects created by
/// an extension are left out (the extension itself is compared). Throws std::runtime_error
/// naming the catalog query when one fails.
[[nodiscard]] catalog_snapshot read_snapshot(PGconn* conn,
                                             const std::vector<std::string>& schema_names);

}  // namespace soong::gen::drift
