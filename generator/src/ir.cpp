#include "ir.hpp"

#include <array>
#include <utility>

namespace soong::gen {
namespace {
constexpr std::array<std::pair<command, std::string_view>, 9> command_names{{
    {command::one, "one"},
    {command::many, "many"},
    {command::exec, "exec"},
    {command::execrows, "execrows"},
    {command::execresult, "execresult"},
    {command::copyfrom, "copyfrom"},
    {command::batchexec, "batchexec"},
    {command::batchone, "batchone"},
    {command::batchmany, "batchmany"},
}};
}  // namespace

std::string_view to_string(command c) {
  for (const auto& [value, name] : command_names) {
    if (value == c) return name;
  }
  return "?";
}

std::optional<command> command_from_string(std::string_view word) {
  for (const auto& [value, name] : command_names) {
    if (name == word) return value;
  }
  return std::nullopt;
}

}  // namespace soong::gen
