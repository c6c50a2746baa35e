// Parsing the statement cache mode and the pooler presets.

#include "soong/statement_cache.hpp"

#include <string>

#include "soong/error.hpp"

namespace soong {

namespace {

bool one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  for (const std::string_view word : words) {
    if (text.size() != word.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < text.size() && same; ++i) {
      const char c =
          text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
      same = c == word[i];
    }
    if (same) return true;
  }
  return false;
}

}  // namespace

statement_cache_mode parse_statement_cache_mode(std::string_view text, std::string_view source) {
  if (one_of(text, {"auto", "automatic"})) return statement_cache_mode::automatic;
  if (one_of(text, {"on", "true", "1", "yes"})) return statement_cache_mode::on;
  if (one_of(text, {"off", "false", "0", "no"})) return statement_cache_mode::off;
  throw error(std::string(source) + " must be auto, on or off, not \"" + std::string(text) + "\"");
}

statement_cache_mode statement_cache_for_pooler(std::string_view pooler, std::string_view source) {
  // Transaction and statement pooling hand each transaction (or statement) to any server
  // connection, so a name prepared on one is unknown, or means something else, on the next.
  if (one_of(pooler, {"transaction", "statement"})) return statement_cache_mode::off;
  if (one_of(pooler, {"session", "none"})) return statement_cache_mode::on;
  throw error(std::string(source) + " must be transaction, statement, session or none, not \"" +
              std::string(pooler) + "\"");
}

std::string_view to_string(statement_cache_mode mode) noexcept {
  switch (mode) {
    case statement_cache_mode::on:
      return "on";
    case statement_cache_mode::off:
      return "off";
    case statement_cache_mode::automatic:
      break;
  }
  return "auto";
}

}  // namespace soong
