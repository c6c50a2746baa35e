#include "parse/schema_input.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>
#include <tuple>

#include "diag/source_file.hpp"
#include "parse/ascii_case.hpp"
#include "parse/migration_sql.hpp"
#include "parse/pg_dump_text.hpp"
#include "parse/pg_query_wrapper.hpp"
#include "parse/statement_splitter.hpp"

namespace soong::gen {
namespace {

enum class marker { none, up, down, statement_boundary };

// Recognises goose's and dbmate's section markers. Both tools read them only as whole-line
// comments, so a marker-like text inside a string literal on a longer line is not one.
marker marker_of_line(std::string_view line) {
  const auto first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos) return marker::none;
  const std::string text = ascii_lower(line.substr(first));
  if (!text.starts_with("--")) return marker::none;
  const auto body_start = text.find_first_not_of(" \t", 2);
  if (body_start == std::string::npos) return marker::none;
  const std::string_view body = std::string_view(text).substr(body_start);
  if (body.starts_with("+goose up") || body.starts_with("migrate:up")) return marker::up;
  if (body.starts_with("+goose down") || body.starts_with("migrate:down")) return marker::down;
  if (body.starts_with("+goose statementbegin") || body.starts_with("+goose statementend")) {
    return marker::statement_boundary;
  }
  return marker::none;
}

void blank(std::string& text, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    if (text[i] != '\n' && text[i] != '\r') text[i] = ' ';
  }
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool has_statements(const std::string& sql) {
  const pg_scan_result scanned = scan_sql(sql);
  if (scanned.error) return true;  // let the server report it
  return std::any_of(scanned.tokens.begin(), scanned.tokens.end(), [](const pg_token& t) {
    return !is_comment(t) && t.kind != pg_token_kind::semicolon;
  });
}

}  // namespace

std::string up_migration_text(const std::string& text) {
  std::string out = text;
  bool in_down = false;
  std::size_t line_begin = 0;
  while (line_begin < out.size()) {
    std::size_t line_end = out.find('\n', line_begin);
    if (line_end == std::string::npos) line_end = out.size();
    const marker m =
        marker_of_line(std::string_view(text).substr(line_begin, line_end - line_begin));
    if (m == marker::up) in_down = false;
    if (m == marker::down) in_down = true;
    if (in_down || m == marker::statement_boundary) blank(out, line_begin, line_end);
    line_begin = line_end + 1;
  }
  return out;
}

std::string down_migration_text(const std::string& text) {
  std::string out = text;
  bool in_down = false;
  std::size_t line_begin = 0;
  while (line_begin < out.size()) {
    std::size_t line_end = out.find('\n', line_begin);
    if (line_end == std::string::npos) line_end = out.size();
    const marker m =
        marker_of_line(std::string_view(text).substr(line_begin, line_end - line_begin));
    if (m == marker::up) in_down = false;
    if (m == marker::down) in_down = true;
    if (!in_down || m != marker::none) blank(out, line_begin, line_end);
    line_begin = line_end + 1;
  }
  return out;
}

std::vector<schema_sql> select_schema_sql(const std::vector<schema_file_text>& files) {
  std::vector<schema_sql> out;
  for (const schema_file_text& file : files) {
    if (ends_with(file.path, ".down.sql")) continue;
    std::string sql = up_migration_text(file.text);
    blank_pg_dump_noise(sql);
    const bool statements = has_statements(sql);
    out.push_back({file.path, std::move(sql), statements});
  }
  return out;
}

std::vector<schema_sql> select_migration_sql(std::vector<schema_file_text> files) {
  // Versions compare as integers (9_x before 10_y); duplicate versions and mixed widths are
  // the migration runner's errors, here the path breaks the tie.
  const auto key = [](const schema_file_text& f) {
    const auto name = parse_migration_file_name(std::filesystem::path(f.path).filename().string());
    return std::make_tuple(name ? 0 : 1, name ? name->version : 0, f.path);
  };
  std::sort(files.begin(), files.end(),
            [&](const schema_file_text& a, const schema_file_text& b) { return key(a) < key(b); });
  return select_schema_sql(files);
}

std::size_t file_offset_of_schema_position(const schema_sql& schema, int position) {
  return byte_offset_of_position(schema.sql, position);
}

diagnostic diagnostic_at_schema_position(const source_file& original, const schema_sql& schema,
                                         int position, severity level, std::string message,
                                         std::string code) {
  const std::size_t at = file_offset_of_schema_position(schema, position);
  // Offsets in the selected SQL are offsets in the original file (blanking keeps bytes).
  const std::vector<pg_token> tokens = scan_sql(schema.sql).tokens;
  return make_diagnostic(original, at, token_length_at(tokens, at), level, std::move(message),
                         std::move(code));
}

}  // namespace soong::gen
