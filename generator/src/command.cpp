#include "command.hpp"

#include <algorithm>
#include <stdexcept>

namespace soong::gen {

// The table is in enum order, so a command's row is at its value.
static_assert([] {
  for (std::size_t i = 0; i < command_table.size(); ++i) {
    if (static_cast<std::size_t>(command_table[i].cmd) != i) return false;
  }
  return true;
}());

const command_info& info(command c) { return command_table.at(static_cast<std::size_t>(c)); }

std::string_view to_string(command c) { return info(c).name; }

std::optional<command> command_from_string(std::string_view word) {
  const auto it = std::find_if(command_table.begin(), command_table.end(),
                               [&](const command_info& row) { return row.name == word; });
  if (it == command_table.end()) return std::nullopt;
  return it->cmd;
}

}  // namespace soong::gen
