#include "driver/usage_error.hpp"

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "driver/command_line_secrets.hpp"

namespace soong::gen {

namespace {

/// "new, up, down, ...": every subcommand of `command`, in the order they were added.
std::string subcommand_names(const CLI::App& command) {
  std::string names;
  for (const CLI::App* sub : command.get_subcommands([](const CLI::App*) { return true; })) {
    if (!names.empty()) names += ", ";
    names += sub->get_name();
  }
  return names;
}

std::string one_line(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

}  // namespace

int report_usage_error(const CLI::App& app, const CLI::ParseError& e, std::ostream& err) {
  if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version

  // The command the error belongs to: the deepest one the parser entered.
  const CLI::App* command = &app;
  std::string path = "soong";
  while (!command->get_subcommands().empty()) {
    command = command->get_subcommands().front();
    path += " " + command->get_name();
  }
  std::vector<std::string> rest = command->remaining();
  for (std::string& argument : rest) argument = without_command_line_secrets(argument);
  const std::string help = " (see " + path + " --help)";

  if (!command->get_subcommands([](const CLI::App*) { return true; }).empty()) {
    // A command family: what was wrong is the subcommand.
    const std::string names = subcommand_names(*command);
    if (!rest.empty() && !rest.front().starts_with('-')) {
      err << path << ": unknown subcommand '" << rest.front() << "'; the subcommands are: " << names
          << help << "\n";
    } else if (!rest.empty()) {
      err << path << ": unknown option '" << rest.front()
          << "'; a subcommand comes first: " << names << help << "\n";
    } else {
      err << path << ": a subcommand is required: " << names << help << "\n";
    }
    return 2;
  }
  if (!rest.empty()) {
    // Named before any missing option: a typo is the likelier mistake.
    err << path << ": error: unknown argument '" << rest.front() << "'" << help << "\n";
    return 2;
  }
  err << path << ": error: " << without_command_line_secrets(one_line(e.what())) << help << "\n";
  return 2;
}

}  // namespace soong::gen
