// Taking soong's own parameters out of a URL or conninfo string before libpq parses it.

#include "soong_parameters.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <vector>

namespace soong::detail {

namespace {

constexpr std::string_view statement_cache_key = "statement_cache";
constexpr std::string_view pooler_key = "pooler";

/// Records one of soong's parameters; false for a key that is libpq's.
bool take(std::string_view key, std::string_view value, std::optional<statement_cache_mode>& mode,
          std::optional<statement_cache_mode>& from_pooler) {
  if (key == statement_cache_key) {
    mode = parse_statement_cache_mode(value, "the connection parameter statement_cache");
    return true;
  }
  if (key == pooler_key) {
    from_pooler = statement_cache_for_pooler(value, "the connection parameter pooler");
    return true;
  }
  return false;
}

bool is_url(std::string_view text) {
  return text.starts_with("postgresql://") || text.starts_with("postgres://");
}

/// A URL's query: `key=value` pairs joined by `&` (RFC 3986; libpq's URI syntax, 34.1.1.2).
std::string take_from_url(std::string_view url, std::optional<statement_cache_mode>& mode,
                          std::optional<statement_cache_mode>& from_pooler) {
  const std::size_t question = url.find('?');
  if (question == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, question));
  std::vector<std::string_view> kept;
  std::string_view query = url.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const std::size_t equals = pair.find('=');
    const std::string_view key = pair.substr(0, equals);
    const std::string_view value =
        equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
    if (!take(key, value, mode, from_pooler)) kept.push_back(pair);
  }
  for (std::size_t i = 0; i < kept.size(); ++i) {
    out += i == 0 ? '?' : '&';
    out += kept[i];
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/// `keyword = value` pairs separated by white space; a value is single-quoted (with `\'` and
/// `\\`) or runs to the next white space (libpq's conninfo syntax, 34.1.1.1). Text that does not
/// scan is returned unchanged: libpq then reports it.
std::string take_from_conninfo(std::string_view text, std::optional<statement_cache_mode>& mode,
                               std::optional<statement_cache_mode>& from_pooler) {
  std::string out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const std::size_t pair_start = i;
    while (i < n && is_space(text[i])) ++i;
    if (i == n) break;
    const std::size_t key_start = i;
    while (i < n && text[i] != '=' && !is_space(text[i])) ++i;
    const std::string_view key = text.substr(key_start, i - key_start);
    while (i < n && is_space(text[i])) ++i;
    if (i == n || text[i] != '=') return std::string(text);
    ++i;
    while (i < n && is_space(text[i])) ++i;
    std::string value;
    if (i < n && text[i] == '\'') {
      ++i;
      for (; i < n && text[i] != '\''; ++i) {
        if (text[i] == '\\' && i + 1 < n) ++i;
        value += text[i];
      }
      if (i == n) return std::string(text);  // unterminated quote
      ++i;
    } else {
      for (; i < n && !is_space(text[i]); ++i) {
        if (text[i] == '\\' && i + 1 < n) ++i;
        value += text[i];
      }
    }
    if (!take(key, value, mode, from_pooler)) out += text.substr(pair_start, i - pair_start);
  }
  // Leading white space of a removed first pair would otherwise stay; libpq ignores it anyway.
  const std::size_t first = out.find_first_not_of(" \t\n\r\f");
  return first == std::string::npos ? std::string() : out.substr(first);
}

const char* environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

std::string take_soong_parameters(std::string_view url_or_conninfo, soong_parameters& out) {
  std::optional<statement_cache_mode> mode;
  std::optional<statement_cache_mode> from_pooler;
  std::string rest = is_url(url_or_conninfo)
                         ? take_from_url(url_or_conninfo, mode, from_pooler)
                         : take_from_conninfo(url_or_conninfo, mode, from_pooler);
  if (mode) {
    out.statement_cache = mode;
  } else if (from_pooler) {
    out.statement_cache = from_pooler;
  }
  return rest;
}

std::string with_utf8_client_encoding(std::string conninfo) {
  if (environment("PGCLIENTENCODING") != nullptr) return conninfo;
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (parse_error != nullptr) PQfreemem(parse_error);
  if (options == nullptr) return conninfo;  // libpq reports the syntax error when connecting
  bool given = false;
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == "client_encoding" && o->val != nullptr) given = true;
  }
  PQconninfoFree(options);
  if (given) return conninfo;
  if (is_url(conninfo)) {
    conninfo += conninfo.find('?') == std::string::npos ? '?' : '&';
  } else if (!conninfo.empty()) {
    conninfo += ' ';
  }
  return conninfo + "client_encoding=UTF8";
}

std::optional<statement_cache_mode> statement_cache_from_environment() {
  if (const char* value = environment("SOONG_STATEMENT_CACHE")) {
    return parse_statement_cache_mode(value, "SOONG_STATEMENT_CACHE");
  }
  if (const char* value = environment("SOONG_POOLER")) {
    return statement_cache_for_pooler(value, "SOONG_POOLER");
  }
  return std::nullopt;
}

statement_cache_mode resolve_statement_cache(const connection_options& options,
                                             const soong_parameters& url) {
  if (options.statement_cache) return *options.statement_cache;
  if (url.statement_cache) return *url.statement_cache;
  return statement_cache_from_environment().value_or(statement_cache_mode::automatic);
}

}  // namespace soong::detail
