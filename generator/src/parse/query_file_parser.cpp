#include "parse/query_file_parser.hpp"

#include <fmt/format.h>

#include "diag/codes.hpp"
#include "parse/annotation_reader.hpp"
#include "parse/column_overrides.hpp"
#include "parse/doc_comment.hpp"
#include "parse/parameters.hpp"
#include "parse/pg_query_wrapper.hpp"
#include "parse/sqlc_embed.hpp"
#include "parse/statement_splitter.hpp"
#include "parse/utf8_check.hpp"

namespace soong::gen {
namespace {

class query_file_parser {
 public:
  query_file_parser(const source_file& file, diagnostics& diags) : file_(file), diags_(diags) {}

  parsed_file run() {
    parsed_file out;
    out.path = file_.path();
    if (const auto bad = first_invalid_utf8(file_.text())) {
      // Nothing after it could be checked (libpg_query stops at a NUL), and PostgreSQL would
      // refuse the bytes anyway: report it like the server would and skip the file.
      error(*bad, 1,
            fmt::format("invalid byte sequence for encoding \"UTF8\": 0x{:02x}",
                        static_cast<unsigned char>(file_.text()[*bad])),
            codes::invalid_byte_sequence);
      return out;
    }
    for (const statement_tokens& statement : split_statements(scan(), file_.text())) {
      if (auto parsed = parse_statement(statement)) out.statements.push_back(std::move(*parsed));
      // Annotations after a statement's last token come after its errors, in file order.
      for (const annotation& orphan : read_annotations(statement.trailing_comments).valid) {
        report_orphan(orphan);
      }
    }
    // The scanner error is last in the file: everything after it was swallowed.
    if (scan_error_) diags_.add(std::move(*scan_error_));
    return out;
  }

 private:
  // Scans the whole file. After a scanner error (an unterminated quote or comment swallows
  // the rest of the file) the text before it is scanned again, so the statements before the
  // broken one are still checked.
  std::vector<pg_token> scan() {
    // PostgreSQL's lexer would read a byte order mark as the start of an identifier.
    const std::size_t start = file_.has_byte_order_mark() ? byte_order_mark.size() : 0;
    pg_scan_result scanned = scan_from(start, file_.text().size());
    if (!scanned.error) return std::move(scanned.tokens);
    const std::size_t at = start + scanned.error->byte_offset.value_or(0);
    const std::size_t line_end = std::min(file_.text().find('\n', at), file_.text().size());
    scan_error_ = make_diagnostic(file_, at, line_end - at, severity::error, scanned.error->message,
                                  codes::syntax_error);
    pg_scan_result before = scan_from(start, at);
    if (before.error) return {};
    // The statement the error is in is incomplete: drop its tokens.
    std::vector<pg_token>& tokens = before.tokens;
    while (!tokens.empty() && tokens.back().kind != pg_token_kind::semicolon) tokens.pop_back();
    return std::move(tokens);
  }

  // Scans [begin, end) of the file; token offsets are file offsets.
  pg_scan_result scan_from(std::size_t begin, std::size_t end) const {
    pg_scan_result scanned = scan_sql(std::string_view(file_.text()).substr(begin, end - begin));
    for (pg_token& token : scanned.tokens) {
      token.begin += begin;
      token.end += begin;
    }
    return scanned;
  }

  std::optional<parsed_statement> parse_statement(const statement_tokens& statement) {
    const annotation_scan leading = read_annotations(statement.leading_comments);
    bool annotation_inside = false;
    for (const pg_token& comment : statement.body) {
      if (is_comment(comment)) annotation_inside |= reject_annotation_inside(comment);
    }
    if (statement.body.empty()) {
      for (const annotation& orphan : leading.valid) report_orphan(orphan);
      return std::nullopt;
    }
    // Only the last annotation before a statement applies; earlier ones lost their statement.
    for (std::size_t i = 0; i + 1 < leading.valid.size(); ++i) report_orphan(leading.valid[i]);

    // Two queries glued together by a missing ';' would only add a confusing syntax error.
    if (annotation_inside) return std::nullopt;
    const std::size_t errors_before = diags_.error_count();
    parsed_statement out;
    if (!leading.valid.empty()) {
      out.annot = leading.valid.back();
      out.doc = query_doc_comment(file_, statement.leading_comments, out.annot->file_offset);
    }
    const pg_token& first = statement.body.front();
    out.file_offset = first.begin;
    out.location = file_.location_of(first.begin);
    const std::size_t length = statement.body.back().end - first.begin;
    out.sql = file_.text().substr(first.begin, length);

    parameter_rewrite params = rewrite_parameters(file_, statement.body, diags_);
    override_rewrite overrides = find_column_overrides(file_, statement.body, diags_);
    embed_rewrite embeds = rewrite_embeds(file_, statement.body, diags_);
    std::vector<text_edit> edits = std::move(params.edits);
    edits.insert(edits.end(), overrides.edits.begin(), overrides.edits.end());
    edits.insert(edits.end(), embeds.edits.begin(), embeds.edits.end());
    rewritten_text rewritten = apply_edits(file_.text(), first.begin, length, std::move(edits));
    out.rewritten_sql = std::move(rewritten.text);
    out.offsets = std::move(rewritten.offsets);
    out.params = std::move(params.params);
    out.overrides = std::move(overrides.overrides);
    out.embeds = std::move(embeds.embeds);

    // After a parameter or override error the rewritten SQL is not what the user meant, and
    // parsing it would only add noise.
    if (!params.ok || !overrides.ok || !embeds.ok) return std::nullopt;
    pg_parse_result tree = parse_sql_to_json(out.rewritten_sql);
    if (tree.error) {
      const std::size_t at = out.offsets.original_offset(tree.error->byte_offset.value_or(0));
      error(at, token_length_at(statement.body, at), tree.error->message, codes::syntax_error);
    } else if (tree.tree.contains("stmts") && !tree.tree["stmts"].empty()) {
      out.tree = std::move(tree.tree["stmts"][0]["stmt"]);
    }
    if (diags_.error_count() > errors_before || leading.invalid > 0) return std::nullopt;
    if (!out.annot) {
      diags_.add(make_diagnostic(
          file_, first.begin, first.end - first.begin, severity::note,
          "statement has no '-- name: <QueryName> :<command>' annotation; no code is generated "
          "for it",
          codes::statement_without_annotation));
    }
    return out;
  }

  struct annotation_scan {
    std::vector<annotation> valid;
    int invalid = 0;
  };

  annotation_scan read_annotations(const std::vector<pg_token>& comments) {
    annotation_scan out;
    for (const pg_token& comment : comments) {
      annotation_reading reading = read_annotation(file_, comment.begin, comment.end, diags_);
      if (reading.status == annotation_status::valid) out.valid.push_back(std::move(reading.value));
      if (reading.status == annotation_status::invalid) ++out.invalid;
    }
    return out;
  }

  // An annotation between the tokens of a statement almost always means the ';' ending the
  // previous query is missing, which would silently glue two queries together.
  bool reject_annotation_inside(const pg_token& comment) {
    diagnostics ignored;  // its own malformations are beside the point here
    if (read_annotation(file_, comment.begin, comment.end, ignored).status ==
        annotation_status::not_annotation) {
      return false;
    }
    error(comment.begin, comment.end - comment.begin,
          "annotation inside a statement; is the ';' ending the previous query missing?",
          codes::annotation_inside_statement);
    return true;
  }

  void report_orphan(const annotation& orphan) {
    const std::size_t at = orphan.file_offset;
    const std::size_t line_end = std::min(file_.text().find('\n', at), file_.text().size());
    error(at, line_end - at,
          fmt::format("annotation \"{}\" is not followed by a statement", orphan.name),
          codes::annotation_without_statement);
  }

  void error(std::size_t at, std::size_t length, std::string message, const char* code) {
    diags_.add(make_diagnostic(file_, at, length, severity::error, std::move(message), code));
  }

  const source_file& file_;
  diagnostics& diags_;
  std::optional<diagnostic> scan_error_;
};

}  // namespace

parsed_file parse_query_file(const source_file& file, diagnostics& diags) {
  return query_file_parser(file, diags).run();
}

}  // namespace soong::gen
