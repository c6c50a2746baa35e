#include "finding.hpp"

#include <algorithm>
#include <tuple>

namespace soong::lint {

std::string_view check_name(check c) {
  switch (c) {
    case check::raw_sql:
      return "raw-sql";
    case check::dead_query:
      return "dead-query";
    case check::unchecked_optional:
      return "unchecked-optional";
  }
  return "unknown";
}

std::optional<check> check_from_name(std::string_view name) {
  for (check c : {check::raw_sql, check::dead_query, check::unchecked_optional}) {
    if (check_name(c) == name) return c;
  }
  return std::nullopt;
}

namespace {
std::string format_position(const source_position& p) {
  return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}
}  // namespace

std::string format_finding(const finding& f) {
  std::string text = format_position(f.where) + ": warning: " + f.message + " [soong-" +
                     std::string(check_name(f.kind)) + "]\n";
  for (const finding_note& n : f.notes) {
    text += format_position(n.where) + ": note: " + n.message + "\n";
  }
  return text;
}

void sort_and_deduplicate(std::vector<finding>& findings) {
  const auto key = [](const finding& f) {
    return std::tie(f.where.file, f.where.line, f.where.column, f.kind, f.message);
  };
  std::sort(findings.begin(), findings.end(),
            [&](const finding& a, const finding& b) { return key(a) < key(b); });
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [&](const finding& a, const finding& b) { return key(a) == key(b); }),
                 findings.end());
}

}  // namespace soong::lint
