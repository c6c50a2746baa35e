// Putting soong sessions in UTC, once per connection, unless the user picked a zone.

#include "session_time_zone.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "soong/error.hpp"

namespace soong::detail {
namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// `-c name=value` settings of an options string, split as the server splits it (whitespace
/// separates, a backslash keeps the next character).
std::vector<std::string> option_words(std::string_view options) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < options.size(); ++i) {
    const char c = options[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\\' && i + 1 < options.size()) {
      word.push_back(options[++i]);
    } else {
      word.push_back(c);
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

/// The setting name of `name=value` (`--name=value` spells '_' as '-').
bool names_time_zone(std::string_view setting) {
  const std::size_t equals = setting.find('=');
  return equals != std::string_view::npos && iequals(setting.substr(0, equals), "timezone");
}

std::string conninfo_options(PGconn* conn) {
  const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfo(conn),
                                                                             &PQconninfoFree);
  if (!options) return {};
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == "options" && o->val != nullptr) return o->val;
  }
  return {};
}

bool user_chose_zone(PGconn* conn) {
  if (const char* pgtz = std::getenv("PGTZ"); pgtz != nullptr && *pgtz != '\0') return true;
  return options_set_time_zone(conninfo_options(conn));
}

}  // namespace

bool is_utc_zone(std::string_view zone) noexcept {
  // The tz database's names for UTC and GMT (links to Etc/UTC and Etc/GMT); each renders
  // +00:00 for every instant, historical ones included (checked against PostgreSQL 15).
  static constexpr std::array<std::string_view, 18> names = {
      "UTC",   "Etc/UTC",   "UCT",   "Etc/UCT",   "Universal", "Etc/Universal",
      "Zulu",  "Etc/Zulu",  "GMT",   "Etc/GMT",   "GMT0",      "Etc/GMT0",
      "GMT+0", "Etc/GMT+0", "GMT-0", "Etc/GMT-0", "Greenwich", "Etc/Greenwich"};
  return std::any_of(names.begin(), names.end(),
                     [&](std::string_view name) { return iequals(zone, name); });
}

bool options_set_time_zone(std::string_view options) {
  const std::vector<std::string> words = option_words(options);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view word = words[i];
    if (word == "-c") {
      if (i + 1 < words.size() && names_time_zone(words[i + 1])) return true;
      ++i;
    } else if (word.starts_with("--") || word.starts_with("-c")) {
      if (names_time_zone(word.substr(2))) return true;
    }
  }
  return false;
}

void start_session_in_utc(PGconn* conn) {
  const char* zone = PQparameterStatus(conn, "TimeZone");
  if (zone != nullptr && is_utc_zone(zone)) return;
  if (user_chose_zone(conn)) return;
  const std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn, "SET TimeZone TO 'UTC'"),
                                                             &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    throw connection_error(
        fmt::format("cannot put the session in UTC (SET TimeZone): {}", PQerrorMessage(conn)));
  }
}

}  // namespace soong::detail
