// Fuzz target: the generator's front end for one query file (statement splitting, annotation
// reading, parameter rewriting, column override suffixes, libpg_query parsing and the offset map
// back to file positions) on arbitrary bytes. The file either parses or gets diagnostics; every
// diagnostic must point inside the file, and every byte of a rewritten statement must map back
// into the file.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "diag/render.hpp"
#include "diag/source_file.hpp"
#include "parse/query_file_parser.hpp"

namespace {

using namespace soong::gen;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "front_end_fuzz: %s\n", what.c_str());
  std::abort();
}

std::size_t line_count(const source_file& file) {
  std::size_t lines = 1;
  for (const char c : file.text()) lines += c == '\n' ? 1 : 0;
  return lines;
}

void check_diagnostic(const source_file& file, const diagnostic& d) {
  if (d.location.line == 0) return;  // about the whole file
  if (d.location.file != file.path()) fail("diagnostic names another file: " + d.location.file);
  if (d.location.line < 1 || static_cast<std::size_t>(d.location.line) > line_count(file)) {
    fail("diagnostic line outside the file: " + render(d));
  }
  const std::string_view line = file.line_text(d.location.line);
  // Column 1 .. one past the last character (an error at the end of a line or of the file);
  // line_text() leaves out a CRLF line's '\r', which an error may point at.
  const std::size_t line_end =
      static_cast<std::size_t>(line.data() - file.text().data()) + line.size();
  const bool crlf = line_end < file.text().size() && file.text()[line_end] == '\r';
  const auto last_column = static_cast<int>(code_point_count(line)) + 1 + (crlf ? 1 : 0);
  if (d.location.column < 1 || d.location.column > last_column) {
    fail("diagnostic column outside its line: " + render(d));
  }
  if (d.source_line != line) fail("diagnostic quotes another line: " + render(d));
  if (d.length < 1) fail("diagnostic underline is empty: " + render(d));
  for (const diagnostic& note : d.notes) check_diagnostic(file, note);
}

void check_statement(const source_file& file, const parsed_statement& s) {
  const std::size_t size = file.text().size();
  if (s.file_offset > size || s.file_offset + s.sql.size() > size) {
    fail("statement outside the file");
  }
  std::size_t covered = 0;
  for (const offset_map::segment& segment : s.offsets.segments) {
    if (segment.rewritten_begin != covered) fail("offset map has a gap or an overlap");
    covered += segment.rewritten_length;
    if (segment.original_begin + segment.original_length > size) {
      fail("offset map segment outside the file");
    }
  }
  if (covered != s.rewritten_sql.size()) fail("offset map does not cover the rewritten SQL");
  for (std::size_t i = 0; i <= s.rewritten_sql.size(); ++i) {
    if (s.offsets.original_offset(i) > size) fail("rewritten byte maps outside the file");
  }
  for (const parsed_param& p : s.params) {
    if (p.number < 1 || static_cast<std::size_t>(p.number) > s.params.size()) {
      fail("parameter numbers are not 1..n");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const source_file file("fuzz.sql", std::string(reinterpret_cast<const char*>(data), size));
  diagnostics diags;
  const parsed_file parsed = parse_query_file(file, diags);
  for (const diagnostic& d : diags.all()) check_diagnostic(file, d);
  for (const parsed_statement& s : parsed.statements) check_statement(file, s);
  static_cast<void>(render(diags));
  return 0;
}
