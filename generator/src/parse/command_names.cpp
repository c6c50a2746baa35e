#include "parse/parsed_statement.hpp"

namespace soong::gen {

const std::vector<command>& all_commands() {
  static const std::vector<command> commands{
      command::one,       command::many,       command::exec,
      command::execrows,  command::execresult, command::copyfrom,
      command::batchexec, command::batchone,   command::batchmany};
  return commands;
}

const char* command_name(command cmd) {
  switch (cmd) {
    case command::one:
      return "one";
    case command::many:
      return "many";
    case command::exec:
      return "exec";
    case command::execrows:
      return "execrows";
    case command::execresult:
      return "execresult";
    case command::copyfrom:
      return "copyfrom";
    case command::batchexec:
      return "batchexec";
    case command::batchone:
      return "batchone";
    case command::batchmany:
      return "batchmany";
  }
  return "one";
}

std::optional<command> command_from_name(std::string_view name) {
  for (command cmd : all_commands()) {
    if (name == command_name(cmd)) return cmd;
  }
  return std::nullopt;
}

}  // namespace soong::gen
