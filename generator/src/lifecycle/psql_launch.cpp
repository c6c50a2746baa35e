#include "lifecycle/psql_launch.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "soong/error.hpp"

namespace soong::gen::lifecycle {

psql_invocation psql_for(const database_target& target,
                         const std::vector<std::string>& user_arguments) {
  psql_invocation invocation;
  invocation.arguments.emplace_back("psql");
  invocation.arguments.insert(invocation.arguments.end(), user_arguments.begin(),
                              user_arguments.end());
  invocation.environment = target.libpq_environment();
  return invocation;
}

void exec_psql(const psql_invocation& invocation) {
  for (const auto& [name, value] : invocation.environment) {
    if (::setenv(name.c_str(), value.c_str(), 1) != 0) {
      throw soong::error("cannot set " + name + " for psql");
    }
  }
  std::vector<char*> argv;
  argv.reserve(invocation.arguments.size() + 1);
  for (const std::string& argument : invocation.arguments) {
    argv.push_back(const_cast<char*>(argument.c_str()));  // execvp's signature predates const
  }
  argv.push_back(nullptr);
  ::execvp(argv.front(), argv.data());
  throw soong::error(std::string("cannot run psql: ") + std::strerror(errno) +
                     " (install PostgreSQL's client, e.g. Debian's postgresql-client)");
}

}  // namespace soong::gen::lifecycle
