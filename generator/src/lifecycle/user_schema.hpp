#pragma once
// The user's objects in a database, as schema-load sees them: it refuses a database that
// already has tables, and `--replace` drops them first. soong's bookkeeping schema, the system
// schemas and objects that belong to extensions do not count.

#include <string>
#include <vector>

namespace soong {
class connection;
}

namespace soong::gen::lifecycle {

/// `schema.table` for every table, view, materialized view and foreign table of the user's,
/// sorted.
[[nodiscard]] std::vector<std::string> user_tables(connection& conn);

/// Drops every user schema (CASCADE), keeping the bookkeeping schema, and creates `public`
/// again with its owner and privileges as they were. Run it inside the load's transaction.
void drop_user_schemas(connection& conn);

}  // namespace soong::gen::lifecycle
