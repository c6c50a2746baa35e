#pragma once
// CREATE DATABASE and DROP DATABASE, run on the server's maintenance database.

#include <string>
#include <string_view>

namespace soong {
class connection;
}

namespace soong::gen::lifecycle {

/// Whether the server has a database named `name`.
[[nodiscard]] bool database_exists(connection& conn, std::string_view name);

void create_database(connection& maintenance, std::string_view name);

/// DROP DATABASE; with `force`, `WITH (FORCE)` ends the database's sessions first.
void drop_database(connection& maintenance, std::string_view name, bool force);

}  // namespace soong::gen::lifecycle
