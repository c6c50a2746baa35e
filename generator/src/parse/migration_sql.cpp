#include "parse/migration_sql.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "parse/ascii_case.hpp"
#include "parse/pg_query_wrapper.hpp"
#include "parse/statement_splitter.hpp"

namespace soong::gen {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// The body of a whole-line `--` comment, lower-cased and trimmed; empty when `line` is not one.
std::string comment_body(std::string_view line) {
  const auto first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos || line.substr(first, 2) != "--") return {};
  std::string body = ascii_lower(line.substr(first + 2));
  const auto begin = body.find_first_not_of(" \t");
  const auto end = body.find_last_not_of(" \t\r");
  return begin == std::string::npos ? std::string{} : body.substr(begin, end - begin + 1);
}

std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(),
                 text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
}

bool flag(const nlohmann::json& node, const char* name) {
  const auto it = node.find(name);
  return it != node.end() && it->is_boolean() && it->get<bool>();
}

/// Why a statement (one parse tree node) cannot run inside a transaction block; empty if it can.
std::string no_transaction_reason(const nlohmann::json& stmt, int server_version_num) {
  if (!stmt.is_object() || stmt.empty()) return {};
  const std::string& kind = stmt.begin().key();
  const nlohmann::json& node = stmt.begin().value();
  if (kind == "IndexStmt" && flag(node, "concurrent")) return "CREATE INDEX CONCURRENTLY";
  if (kind == "DropStmt" && flag(node, "concurrent")) return "DROP INDEX CONCURRENTLY";
  if (kind == "ReindexStmt" && node.contains("params")) {
    for (const auto& param : node["params"]) {
      if (param.value("DefElem", nlohmann::json::object()).value("defname", "") == "concurrently") {
        return "REINDEX CONCURRENTLY";
      }
    }
  }
  if (kind == "VacuumStmt" && flag(node, "is_vacuumcmd")) return "VACUUM";
  if (kind == "CreatedbStmt") return "CREATE DATABASE";
  if (kind == "DropdbStmt") return "DROP DATABASE";
  if (kind == "AlterSystemStmt") return "ALTER SYSTEM";
  if (kind == "CreateTableSpaceStmt") return "CREATE TABLESPACE";
  if (kind == "DropTableSpaceStmt") return "DROP TABLESPACE";
  if (kind == "AlterEnumStmt" && node.contains("newVal") && server_version_num < 120000) {
    return "ALTER TYPE ... ADD VALUE (before PostgreSQL 12)";
  }
  if (kind == "AlterTableStmt" && node.contains("cmds")) {
    for (const auto& cmd : node["cmds"]) {
      const auto& def = cmd.value("AlterTableCmd", nlohmann::json::object())
                            .value("def", nlohmann::json::object());
      if (flag(def.value("PartitionCmd", nlohmann::json::object()), "concurrent")) {
        return "ALTER TABLE ... DETACH PARTITION CONCURRENTLY";
      }
    }
  }
  return {};
}

/// Where the statement's first token is (skipping the whitespace and comments libpg_query's
/// slice starts with), and where it ends including its `;`.
migration_statement trimmed(std::string_view sql, std::size_t begin, std::size_t end) {
  const pg_scan_result scanned = scan_sql(sql.substr(begin, end - begin));
  std::size_t first = end;
  for (const pg_token& t : scanned.tokens) {
    if (!is_comment(t)) {
      first = begin + t.begin;
      break;
    }
  }
  std::size_t stop = end;
  if (stop < sql.size() && sql[stop] == ';') ++stop;
  return {first, stop};
}

}  // namespace

std::optional<migration_file_name> parse_migration_file_name(std::string_view file_name) {
  migration_file_name out;
  std::string_view stem = file_name;
  if (ends_with(stem, ".up.sql")) {
    out.part = migration_file_name::part::up;
    stem.remove_suffix(7);
  } else if (ends_with(stem, ".down.sql")) {
    out.part = migration_file_name::part::down;
    stem.remove_suffix(9);
  } else if (ends_with(stem, ".sql")) {
    stem.remove_suffix(4);
  } else {
    return std::nullopt;
  }
  const auto digits = std::find_if(stem.begin(), stem.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) == 0;
  });
  const auto count = static_cast<std::size_t>(digits - stem.begin());
  if (count == 0 || count > 19 || count >= stem.size() || stem[count] != '_') return std::nullopt;
  out.version_text = std::string(stem.substr(0, count));
  const auto [ptr, ec] =
      std::from_chars(out.version_text.data(), out.version_text.data() + count, out.version);
  if (ec != std::errc{}) return std::nullopt;
  out.name = std::string(stem.substr(count + 1));
  if (out.name.empty()) return std::nullopt;
  return out;
}

migration_directives read_migration_directives(std::string_view text) {
  migration_directives out;
  std::size_t line_begin = 0;
  while (line_begin < text.size()) {
    std::size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string body = comment_body(text.substr(line_begin, line_end - line_begin));
    if (body == "migrate:no-transaction" || body == "+goose no transaction" ||
        (body.starts_with("migrate:up") && body.find("transaction:false") != std::string::npos)) {
      out.no_transaction = true;
    } else if (body.starts_with("migrate:lock_timeout")) {
      const std::string value = body.substr(std::string_view("migrate:lock_timeout").size());
      const auto begin = value.find_first_not_of(" \t");
      if (begin != std::string::npos) out.lock_timeout = value.substr(begin);
    }
    line_begin = line_end + 1;
  }
  return out;
}

std::vector<checksum_token> checksum_tokens(std::string_view sql) {
  const pg_scan_result scanned = scan_sql(sql);
  std::vector<checksum_token> out;
  out.reserve(scanned.tokens.size());
  for (const pg_token& t : scanned.tokens) {
    if (is_comment(t)) continue;
    std::string text(sql.substr(t.begin, t.end - t.begin));
    const bool folded = t.kind == pg_token_kind::keyword ||
                        (t.kind == pg_token_kind::identifier && !text.starts_with('"'));
    out.push_back({folded ? ascii_lower(text) : std::move(text), t.begin});
  }
  if (scanned.error) {
    // An unterminated string or comment: the rest of the text counts as one token, so an edit
    // there still changes the checksum.
    const std::size_t from = scanned.tokens.empty() ? 0 : scanned.tokens.back().end;
    out.push_back({std::string(sql.substr(from)), from});
  }
  return out;
}

migration_analysis analyse_migration_sql(std::string_view sql, int server_version_num) {
  migration_analysis out;
  const pg_parse_result parsed = parse_sql_to_json(sql);
  if (parsed.error) {
    out.syntax_error = parsed.error->message;
    out.syntax_error_at = parsed.error->byte_offset.value_or(0);
    return out;
  }
  if (!parsed.tree.contains("stmts")) return out;
  for (const auto& entry : parsed.tree["stmts"]) {
    const auto begin = entry.value("stmt_location", std::size_t{0});
    const auto length = entry.value("stmt_len", std::size_t{0});
    const std::size_t end = length == 0 ? sql.size() : begin + length;
    const migration_statement statement = trimmed(sql, begin, end);
    if (statement.begin >= statement.end || statement.begin >= sql.size()) continue;
    out.statements.push_back(statement);
    const nlohmann::json& stmt = entry.value("stmt", nlohmann::json::object());
    const std::string reason = no_transaction_reason(stmt, server_version_num);
    if (!reason.empty() && out.needs_no_transaction.empty()) {
      out.needs_no_transaction =
          reason + " at line " + std::to_string(line_of(sql, statement.begin));
      out.needs_no_transaction_at = statement.begin;
    }
    if (stmt.is_object() && stmt.contains("TransactionStmt") && !out.transaction_control_at) {
      out.transaction_control_at = statement.begin;
    }
  }
  return out;
}

}  // namespace soong::gen
