#pragma once
// `soong db connect`: psql with the resolved settings. Every setting, the password (or a
// fresh IAM token) included, goes through libpq's environment variables: process arguments
// are visible to every user of the machine (`ps`), the environment is not.

#include <string>
#include <utility>
#include <vector>

#include "lifecycle/database_target.hpp"

namespace soong::gen::lifecycle {

struct psql_invocation {
  /// `psql` followed by the user's own arguments, unchanged.
  std::vector<std::string> arguments;
  /// Set in psql's environment on top of the inherited one.
  std::vector<std::pair<std::string, std::string>> environment;
};

[[nodiscard]] psql_invocation psql_for(const database_target& target,
                                       const std::vector<std::string>& user_arguments);

/// Replaces this process with the invocation (psql from PATH). Returns only when it could not
/// be started; throws soong::error saying why.
void exec_psql(const psql_invocation& invocation);

}  // namespace soong::gen::lifecycle
