#include "oracle/data_api_form.hpp"

#include <fmt/format.h>

#include <string_view>

#include "emit/file_layout.hpp"
#include "emit/sql_identifier.hpp"
#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {
namespace {

std::string_view trim_leading_space(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? text : text.substr(first);
}

const param* param_numbered(const query& q, int number) {
  for (const param& p : q.params) {
    if (p.number == number) return &p;
  }
  return nullptr;
}

/// `sql` with each `$n` token replaced; `offset` (a position in `sql`) is moved to the same
/// place in the result.
std::string replace_placeholders(const query& q, std::string_view sql, placeholder_style style,
                                 std::size_t& offset) {
  const pg_scan_result scanned = scan_sql(sql);
  std::string out;
  std::size_t copied = 0;
  std::size_t moved_offset = offset;
  bool offset_moved = offset == 0;
  for (const pg_token& token : scanned.tokens) {
    if (!offset_moved && token.begin >= offset) {
      moved_offset = out.size() + (offset - copied);
      offset_moved = true;
    }
    if (token.kind != pg_token_kind::param) continue;
    const int number =
        std::stoi(std::string(sql.substr(token.begin + 1, token.end - token.begin - 1)));
    const param* p = param_numbered(q, number);
    if (p == nullptr) continue;
    out.append(sql.substr(copied, token.begin - copied));
    const std::string placeholder =
        style == placeholder_style::named ? ":" + p->name : fmt::format("${}", number);
    out += fmt::format("CAST({} AS {})", placeholder, exact_type_name(p->type));
    copied = token.end;
  }
  if (!offset_moved) moved_offset = out.size() + (offset - copied);
  out.append(sql.substr(copied));
  offset = moved_offset;
  return out;
}

}  // namespace

std::string exact_type_name(const pg_type& type) {
  std::string name = sql_qualified_name(type.schema, type.name);
  for (int i = 0; i < type.array_dims; ++i) name += "[]";
  return name;
}

std::string data_api_placeholders(const query& q, std::string_view sql) {
  std::size_t offset = 0;
  return replace_placeholders(q, sql, placeholder_style::named, offset);
}

std::string data_api_numbered_placeholders(const query& q, std::string_view sql) {
  std::size_t offset = 0;
  return replace_placeholders(q, sql, placeholder_style::numbered, offset);
}

std::string data_api_sql(const query& q, const std::vector<std::string>& send_functions,
                         placeholder_style style) {
  std::size_t main_offset = q.main_statement_offset;
  const std::string replaced =
      replace_placeholders(q, strip_statement_end(q.rewritten_sql), style, main_offset);
  if (q.columns.empty()) return replaced;
  std::vector<std::string> names;
  std::vector<std::string> sent;
  for (std::size_t i = 0; i < q.columns.size(); ++i) {
    names.push_back(fmt::format("c{}", i + 1));
    sent.push_back(fmt::format("{}(c{})", send_functions.at(i), i + 1));
  }
  const std::string select = fmt::format("SELECT {} FROM soong_rows", fmt::join(sent, ", "));
  const std::string columns = fmt::format("({})", fmt::join(names, ", "));
  const std::string_view body = replaced;
  if (q.main_statement_offset > 0 && main_offset < body.size()) {
    // A data-modifying CTE must stay at the top level: the rows join the statement's own list.
    std::string_view with_list = body.substr(0, main_offset);
    with_list.remove_suffix(with_list.size() - with_list.find_last_not_of(" \t\r\n") - 1);
    return fmt::format("{},\nsoong_rows{} AS (\n{}\n)\n{}", with_list, columns,
                       trim_leading_space(body.substr(main_offset)), select);
  }
  return fmt::format("WITH soong_rows{} AS (\n{}\n)\n{}", columns, body, select);
}

}  // namespace soong::gen
