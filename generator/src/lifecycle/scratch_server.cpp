#include "lifecycle/scratch_server.hpp"

#include "soong/connection.hpp"
#include "soong/connection_config.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {

scratch_server::scratch_server() {
  soong::embedded::server_options options;
  options.die_with_starting_thread = true;
  server_ = soong::embedded::server::start(options);
}

database_target scratch_server::create_database(const std::string& name) {
  connection admin(server_->conninfo("postgres"));
  // The name is ours (check_..., compat_...), never user input: quoting keeps it exact.
  execute_script(admin, "CREATE DATABASE \"" + name + "\"");
  return {connection_config::parse(server_->conninfo(name)), "throwaway server"};
}

std::string scratch_server::conninfo(const std::string& database) const {
  return server_->conninfo(database);
}

}  // namespace soong::gen::lifecycle
