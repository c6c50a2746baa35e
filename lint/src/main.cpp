// soong-lint: checks C++ code that uses soong, reading compile_commands.json (docs/lint.md).
// Exit status: 0 clean, 1 findings, 2 tool errors (bad options, files that do not parse).

#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CommonOptionsParser.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/CommandLine.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "clang_position.hpp"
#include "dead_query_check.hpp"
#include "finding.hpp"
#include "raw_sql_check.hpp"
#include "suppression.hpp"
#include "unchecked_optional_check.hpp"

namespace {

constexpr int exit_clean = 0;
constexpr int exit_findings = 1;
constexpr int exit_tool_error = 2;

llvm::cl::OptionCategory lint_category("soong-lint options");

llvm::cl::opt<std::string> checks_option(
    "checks",
    llvm::cl::desc(
        "Comma-separated checks to run (default: raw-sql,dead-query,unchecked-optional)"),
    llvm::cl::init("raw-sql,dead-query,unchecked-optional"), llvm::cl::cat(lint_category));

llvm::cl::opt<std::string> sql_root_option(
    "sql-root",
    llvm::cl::desc("Folder the generated headers' .sql paths are relative to (the generator's "
                   "base folder, e.g. sql); dead-query findings point into it"),
    llvm::cl::init(""), llvm::cl::cat(lint_category));

llvm::cl::extrahelp common_help(clang::tooling::CommonOptionsParser::HelpMessage);
llvm::cl::extrahelp lint_help(
    "\nWith no source files, every file in compile_commands.json is linted and dead-query runs\n"
    "(it needs the whole program). Suppress a finding with `// soong-lint: allow(<check>)` on\n"
    "its line or the line before.\n");

std::optional<std::set<soong::lint::check>> parse_checks(const std::string& list) {
  std::set<soong::lint::check> checks;
  std::string_view rest = list;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view name = rest.substr(0, comma);
    if (!name.empty()) {
      const auto c = soong::lint::check_from_name(name);
      if (!c) {
        std::cerr << "soong-lint: error: unknown check '" << name
                  << "' (known: raw-sql, dead-query, unchecked-optional)\n";
        return std::nullopt;
      }
      checks.insert(*c);
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return checks;
}

/// The `-p` build path as given on the command line ("" when there is none). Read by hand
/// because CommonOptionsParser (LLVM 14) loads no database when no source file is listed.
std::string build_path_argument(int argc, const char** argv) {
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;  // compiler arguments follow
    if ((arg == "-p" || arg == "--p") && i + 1 < argc) {
      path = argv[++i];
    } else if (arg.starts_with("-p=") || arg.starts_with("--p=")) {
      path = std::string(arg.substr(arg.find('=') + 1));
    }
  }
  return path;
}

/// Every file in the compilation database at `build_path` (or found from the working directory).
std::optional<std::vector<std::string>> all_database_files(const std::string& build_path) {
  std::string error;
  const auto database = clang::tooling::CompilationDatabase::autoDetectFromDirectory(
      build_path.empty() ? "." : build_path, error);
  if (!database) {
    std::cerr << "soong-lint: error: " << error << "\n";
    return std::nullopt;
  }
  return database->getAllFiles();
}

}  // namespace

int main(int argc, const char** argv) {
  using namespace soong::lint;
  auto parser =
      clang::tooling::CommonOptionsParser::create(argc, argv, lint_category, llvm::cl::ZeroOrMore);
  if (!parser) {
    std::cerr << "soong-lint: error: " << llvm::toString(parser.takeError()) << "\n";
    return exit_tool_error;
  }
  const bool whole_program = parser->getSourcePathList().empty();
  std::vector<std::string> whole_program_files;  // owns the strings `arguments` points at
  if (whole_program) {
    // Parse again with every file of the database listed, so CommonOptionsParser sets up the
    // database exactly as for listed files (--extra-arg and friends included).
    auto files = all_database_files(build_path_argument(argc, argv));
    if (!files) return exit_tool_error;
    if (files->empty()) {
      std::cerr << "soong-lint: error: the compilation database lists no files\n";
      return exit_tool_error;
    }
    whole_program_files = std::move(*files);
    std::vector<const char*> arguments(argv, argv + argc);
    // Files go before a `--`, which starts the compiler arguments.
    auto end = std::find(arguments.begin() + 1, arguments.end(), std::string_view("--"));
    std::vector<const char*> listed;
    for (const std::string& file : whole_program_files) listed.push_back(file.c_str());
    arguments.insert(end, listed.begin(), listed.end());
    llvm::cl::ResetAllOptionOccurrences();
    int count = static_cast<int>(arguments.size());
    parser = clang::tooling::CommonOptionsParser::create(count, arguments.data(), lint_category,
                                                         llvm::cl::ZeroOrMore);
    if (!parser) {
      std::cerr << "soong-lint: error: " << llvm::toString(parser.takeError()) << "\n";
      return exit_tool_error;
    }
  }
  const auto checks = parse_checks(checks_option);
  if (!checks) return exit_tool_error;

  clang::tooling::ClangTool tool(parser->getCompilations(), parser->getSourcePathList());
  // The commands are often gcc's: silence Clang's own warnings (only our findings matter) and
  // point it at its builtin headers.
  tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      {"-resource-dir=" SOONG_LINT_CLANG_RESOURCE_DIR, "-w"},
      clang::tooling::ArgumentInsertPosition::END));

  std::vector<finding> findings;
  clang::ast_matchers::MatchFinder finder;
  raw_sql_check raw_sql(findings);
  if (checks->contains(check::raw_sql)) raw_sql.register_matchers(finder);
  unchecked_optional_check unchecked_optional(findings);
  if (checks->contains(check::unchecked_optional)) unchecked_optional.register_matchers(finder);
  // Captured before Clang runs: ClangTool changes directories while it works.
  const std::string start_directory = absolute_path(".");
  dead_query_check dead_query(
      absolute_path(sql_root_option.empty() ? std::string(".") : sql_root_option.getValue()));
  const bool run_dead_query = whole_program && checks->contains(check::dead_query);
  if (run_dead_query) dead_query.register_matchers(finder);

  const int tool_status = tool.run(clang::tooling::newFrontendActionFactory(&finder).get());
  if (run_dead_query) {
    for (finding& f : dead_query.findings()) findings.push_back(std::move(f));
  }

  sort_and_deduplicate(findings);
  suppressions allowed;
  int reported = 0;
  for (const finding& f : findings) {
    if (allowed.is_suppressed(f)) continue;
    finding shown = f;
    shown.where.file = display_path(shown.where.file, start_directory);
    for (finding_note& n : shown.notes) n.where.file = display_path(n.where.file, start_directory);
    std::cout << format_finding(shown);
    ++reported;
  }
  std::cout.flush();
  if (tool_status != 0) {
    std::cerr << "soong-lint: error: some files could not be parsed; their findings are missing\n";
    return exit_tool_error;
  }
  return reported == 0 ? exit_clean : exit_findings;
}
