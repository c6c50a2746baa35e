#include "driver/command_line_secrets.hpp"

#include <array>

namespace soong::gen {

namespace {

/// Masks the `:password` between `://user` and `@` of each URL in `text`.
void mask_url_passwords(std::string& text) {
  for (std::size_t scheme = text.find("://"); scheme != std::string::npos;
       scheme = text.find("://", scheme + 3)) {
    const std::size_t authority = scheme + 3;
    const std::size_t at = text.find('@', authority);
    const std::size_t end = text.find_first_of("/?# \t'\"", authority);
    if (at == std::string::npos || (end != std::string::npos && end < at)) continue;
    const std::size_t colon = text.find(':', authority);
    if (colon == std::string::npos || colon > at) continue;
    text.replace(colon + 1, at - colon - 1, "***");
  }
}

/// Masks the value after `keyword=` (optionally spaced, optionally single-quoted) in `text`.
void mask_keyword_values(std::string& text, std::string_view keyword) {
  for (std::size_t found = text.find(keyword); found != std::string::npos;
       found = text.find(keyword, found + keyword.size())) {
    const bool word_start = found == 0 || text[found - 1] == ' ' || text[found - 1] == '\t' ||
                            text[found - 1] == '\'' || text[found - 1] == '"';
    std::size_t pos = found + keyword.size();
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (!word_start || pos >= text.size() || text[pos] != '=') continue;
    ++pos;
    while (pos < text.size() && text[pos] == ' ') ++pos;
    std::size_t end = pos;
    if (end < text.size() && text[end] == '\'') {
      ++end;
      while (end < text.size() && text[end] != '\'') end += text[end] == '\\' ? 2 : 1;
      end = std::min(end + 1, text.size());
    } else {
      while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '\'' &&
             text[end] != '"') {
        ++end;
      }
    }
    text.replace(pos, end - pos, "***");
  }
}

}  // namespace

std::string without_command_line_secrets(std::string_view text) {
  std::string shown(text);
  mask_url_passwords(shown);
  for (const std::string_view keyword :
       std::array<std::string_view, 2>{"sslpassword", "password"}) {
    mask_keyword_values(shown, keyword);
  }
  return shown;
}

}  // namespace soong::gen
