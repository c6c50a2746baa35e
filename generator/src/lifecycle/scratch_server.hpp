#pragma once
// A throwaway PostgreSQL server for the commands that run migrations where nothing can be hurt
// (`migrate check`, `migrate compat`, `schema dump --from-migrations`): empty databases on it,
// each a database_target the migration runner works on as on any other.

#include <memory>
#include <string>

#include "embedded_server.hpp"
#include "lifecycle/database_target.hpp"

namespace soong::gen::lifecycle {

class scratch_server {
 public:
  /// Starts the server (stopped and deleted with this object, or when the thread that started
  /// it dies). Throws soong::embedded::server_error.
  scratch_server();

  /// Creates an empty database and returns it as a target.
  [[nodiscard]] database_target create_database(const std::string& name);

  /// libpq conninfo for `database` (trust authentication: no secret in it).
  [[nodiscard]] std::string conninfo(const std::string& database) const;

 private:
  std::unique_ptr<soong::embedded::server> server_;
};

}  // namespace soong::gen::lifecycle
