#include "parse/doc_comment.hpp"

#include "parse/annotation_reader.hpp"

namespace soong::gen {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// Appends `line` to `out`, keeping at most one blank line in a row and none at the start.
void append_line(std::string& out, std::string_view line) {
  if (line.empty() && (out.empty() || out.ends_with("\n\n"))) return;
  if (!out.empty() && !out.ends_with('\n')) out.push_back('\n');
  if (line.empty()) {
    out.push_back('\n');
  } else {
    out.append(line);
  }
}

std::string_view token_text(const source_file& file, const pg_token& token) {
  return std::string_view(file.text()).substr(token.begin, token.end - token.begin);
}

// `-- soong:route replica` and the like configure the generator; they describe nothing.
bool is_directive(std::string_view comment) {
  return comment.starts_with("--") && trim(comment.substr(2)).starts_with("soong:");
}

bool is_annotation(const source_file& file, const pg_token& token) {
  diagnostics ignored;  // malformed annotations are reported where they are read
  return read_annotation(file, token.begin, token.end, ignored).status !=
         annotation_status::not_annotation;
}

// Whether only blanks precede `offset` on its line: `SELECT 1; -- note` describes the
// statement before, not the next one.
bool starts_its_line(std::string_view text, std::size_t offset) {
  while (offset > 0 && text[offset - 1] != '\n') {
    if (!is_blank(text[offset - 1])) return false;
    --offset;
  }
  return true;
}

// Whether `upper` ends on the line before `lower` starts, or on the same line.
bool touches(const source_file& file, const pg_token& upper, const pg_token& lower) {
  const std::size_t last_byte = upper.end > upper.begin ? upper.end - 1 : upper.begin;
  return file.location_of(lower.begin).line <= file.location_of(last_byte).line + 1;
}

}  // namespace

std::string comment_text(std::string_view comment) {
  std::string out;
  if (comment.starts_with("--")) {
    std::string_view body = comment.substr(2);
    while (body.starts_with('-')) body.remove_prefix(1);  // `---- Section ----`
    append_line(out, trim(body));
  } else if (comment.starts_with("/*")) {
    std::string_view body = comment.substr(2);
    if (body.ends_with("*/")) body.remove_suffix(2);
    while (true) {
      const auto nl = body.find('\n');
      std::string_view line = trim(body.substr(0, nl));
      if (line.starts_with('*')) line = trim(line.substr(1));  // ` * ` continuation style
      append_line(out, line);
      if (nl == std::string_view::npos) break;
      body.remove_prefix(nl + 1);
    }
  }
  while (out.ends_with('\n')) out.pop_back();
  return out;
}

std::string query_doc_comment(const source_file& file,
                              const std::vector<pg_token>& leading_comments,
                              std::size_t annotation_offset) {
  std::size_t at = 0;
  while (at < leading_comments.size() && leading_comments[at].begin != annotation_offset) ++at;
  if (at == leading_comments.size()) return {};

  std::size_t first = at;  // the block above: contiguous lines ending at the annotation
  while (first > 0) {
    const pg_token& above = leading_comments[first - 1];
    if (!touches(file, above, leading_comments[first]) ||
        !starts_its_line(file.text(), above.begin) || is_annotation(file, above)) {
      break;
    }
    --first;
  }

  std::string out;
  const auto add = [&](const pg_token& token) {
    const std::string_view text = token_text(file, token);
    if (is_directive(text)) return;
    const std::string paragraph = comment_text(text);
    if (paragraph.empty()) return;
    if (!out.empty()) out.push_back('\n');
    out += paragraph;
  };
  for (std::size_t i = first; i < at; ++i) add(leading_comments[i]);
  for (std::size_t i = at + 1; i < leading_comments.size(); ++i) {
    if (!is_annotation(file, leading_comments[i])) add(leading_comments[i]);
  }
  return out;
}

}  // namespace soong::gen
