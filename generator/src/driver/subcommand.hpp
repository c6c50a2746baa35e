#pragma once
// A subcommand that registers itself on the command line: main.cpp calls one `add_...`
// function per command family and runs the one the user named, so a new family is one file
// plus one line in main.cpp.

#include <CLI/CLI.hpp>
#include <functional>

namespace soong::gen {

/// A registered subcommand (possibly with its own subcommands) and what runs when it is given.
/// `run` returns the exit code: 0 success, 1 a check found differences or pending work, 2 an
/// error. The options it reads are owned by the closure.
struct registered_subcommand {
  CLI::App* command = nullptr;
  std::function<int()> run;
};

}  // namespace soong::gen
