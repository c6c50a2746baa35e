#include "diag/diagnostic.hpp"

#include <algorithm>

namespace soong::gen {

diagnostic make_diagnostic(const source_file& file, std::size_t byte_offset,
                           std::size_t byte_length, severity level, std::string message,
                           std::string code) {
  diagnostic d;
  d.level = level;
  d.location = file.location_of(byte_offset);
  d.message = std::move(message);
  d.code = std::move(code);
  d.source_line = std::string(file.line_text(d.location.line));
  // Underline only what is on the first line: the renderer shows a single source line.
  const std::size_t line_begin =
      byte_offset_of_position(d.source_line, d.location.column);  // byte column in the line
  const std::string_view rest = std::string_view(d.source_line).substr(line_begin);
  const std::string_view underlined = rest.substr(0, std::min(byte_length, rest.size()));
  d.length = std::max<std::size_t>(1, code_point_count(underlined));
  return d;
}

diagnostic make_file_diagnostic(std::string path, severity level, std::string message,
                                std::string code) {
  diagnostic d;
  d.level = level;
  d.location.file = std::move(path);
  d.message = std::move(message);
  d.code = std::move(code);
  return d;
}

void diagnostics::add(diagnostic d) {
  if (d.level == severity::error) ++error_count_;
  items_.push_back(std::move(d));
}

}  // namespace soong::gen
