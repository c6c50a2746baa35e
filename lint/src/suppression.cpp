#include "suppression.hpp"

#include <fstream>

namespace soong::lint {

namespace {
constexpr std::string_view marker = "soong-lint: allow(";

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

bool is_sql_comment(std::string_view line) { return trim(line).starts_with("--"); }
}  // namespace

bool line_allows(std::string_view line, check c) {
  for (auto at = line.find(marker); at != std::string_view::npos; at = line.find(marker, at + 1)) {
    std::string_view rest = line.substr(at + marker.size());
    const auto close = rest.find(')');
    if (close == std::string_view::npos) continue;
    std::string_view list = rest.substr(0, close);
    while (!list.empty()) {
      const auto comma = list.find(',');
      if (trim(list.substr(0, comma)) == check_name(c)) return true;
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }
  return false;
}

const std::vector<std::string>& suppressions::lines_of(const std::string& file) {
  auto found = files_.find(file);
  if (found != files_.end()) return found->second;
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  return files_.emplace(file, std::move(lines)).first->second;
}

bool suppressions::is_suppressed(const finding& f) {
  const std::vector<std::string>& lines = lines_of(f.where.file);
  const auto allows = [&](unsigned line) {  // 1-based; out of range allows nothing
    return line >= 1 && line <= lines.size() && line_allows(lines[line - 1], f.kind);
  };
  if (allows(f.where.line) || allows(f.where.line - 1)) return true;
  if (f.kind == check::dead_query) {
    for (unsigned line = f.where.line - 1; line >= 1 && line <= lines.size(); --line) {
      if (!is_sql_comment(lines[line - 1])) break;
      if (allows(line)) return true;
    }
  }
  return false;
}

}  // namespace soong::lint
