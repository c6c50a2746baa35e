#include "diag/render.hpp"

#include <fmt/format.h>

#include "diag/utf8.hpp"

namespace soong::gen {
namespace {

// The caret line copies tabs from the source line so the caret stays aligned in terminals
// that expand tabs; every other character becomes one space (one code point, one column).
std::string caret_indent(std::string_view line, int column) {
  std::string indent;
  int current = 1;
  for (std::size_t i = 0; i < line.size() && current < column; ++i) {
    if (is_utf8_continuation_byte(line[i])) continue;
    indent += line[i] == '\t' ? '\t' : ' ';
    ++current;
  }
  // A column past the end of the line (e.g. an error at end of file) is still shown.
  indent.append(static_cast<std::size_t>(std::max(0, column - current)), ' ');
  return indent;
}

std::string header(const diagnostic& d) {
  std::string where = d.location.file;
  if (d.location.line > 0) where += fmt::format(":{}:{}", d.location.line, d.location.column);
  std::string text = where.empty()
                         ? fmt::format("{}: {}", severity_name(d.level), d.message)
                         : fmt::format("{}: {}: {}", where, severity_name(d.level), d.message);
  if (!d.code.empty()) text += fmt::format(" [{}]", d.code);
  return text + '\n';
}

}  // namespace

const char* severity_name(severity level) {
  switch (level) {
    case severity::error:
      return "error";
    case severity::warning:
      return "warning";
    case severity::note:
      return "note";
  }
  return "error";
}

std::string render(const diagnostic& d) {
  std::string out = header(d);
  if (d.location.line > 0) {
    // Like GCC: the line number right-aligned in a gutter at least five wide.
    const std::string number = std::to_string(d.location.line);
    const std::size_t width = std::max<std::size_t>(5, number.size());
    out += fmt::format("{:>{}} | {}\n", number, width, d.source_line);
    out +=
        fmt::format("{:>{}} | {}^{}\n", "", width, caret_indent(d.source_line, d.location.column),
                    std::string(d.length > 0 ? d.length - 1 : 0, '~'));
  }
  for (const diagnostic& note : d.notes) out += render(note);
  return out;
}

std::string render(const diagnostics& all) {
  std::string out;
  for (const diagnostic& d : all.all()) out += render(d);
  return out;
}

}  // namespace soong::gen
