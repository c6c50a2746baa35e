#include "emit/namer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>

namespace soong::gen::naming {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_upper(c) || is_lower(c) || is_digit(c); }

// C++20 keywords and alternative tokens ([lex.key], [lex.digraph]), plus names that generated
// code uses at namespace or function scope, so a query or column cannot shadow them.
constexpr std::string_view reserved_names[] = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
    "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
    "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
    "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
    "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if",
    "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr",
    "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
    "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast",
    "struct", "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef",
    "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t",
    "while", "xor", "xor_eq", "final", "override", "import", "module",
    // Macros and names from the standard library that would break or confuse the output.
    "assert", "errno", "NULL", "EOF", "std", "soong", "nlohmann", "detail"};

bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

std::string_view trim_underscores_right(std::string_view s) {
  while (!s.empty() && s.back() == '_') s.remove_suffix(1);
  return s;
}

std::string_view trim_underscores_left(std::string_view s) {
  while (!s.empty() && s.front() == '_') s.remove_prefix(1);
  return s;
}

}  // namespace

std::string snake_case(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 4);
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!is_alnum(c)) {
      // Anything else (spaces, punctuation, UTF-8 bytes) separates words.
      if (!out.empty() && out.back() != '_') out.push_back('_');
      continue;
    }
    if (is_upper(c) && !out.empty() && out.back() != '_') {
      const char prev = name[i - 1];
      const bool next_lower = i + 1 < name.size() && is_lower(name[i + 1]);
      // A word starts at an upper-case letter after a lower-case letter or digit (`getUser`),
      // or at the last capital of an acronym followed by lower case (`HTTPStatus`).
      if (is_lower(prev) || is_digit(prev) || (is_upper(prev) && next_lower)) {
        out.push_back('_');
      }
    }
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty()) return "unnamed";
  if (is_digit(out.front())) out.insert(out.begin(), '_');
  return out;
}

bool is_reserved(std::string_view name) {
  return std::find(std::begin(reserved_names), std::end(reserved_names), name) !=
         std::end(reserved_names);
}

std::string escape_reserved(std::string name) {
  if (is_reserved(name)) name.push_back('_');
  return name;
}

std::string identifier(std::string_view name) { return escape_reserved(snake_case(name)); }

std::string file_identifier(std::string_view relative_path) {
  std::string_view stem = relative_path;
  if (stem.size() >= 4 && stem.substr(stem.size() - 4) == ".sql") stem.remove_suffix(4);
  std::string out;
  for (const char c : stem) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? std::string("queries") : out;
}

std::string singular(std::string_view plural) {
  std::string word(plural);
  const auto strip = [&](std::size_t n, std::string_view add = {}) {
    word.resize(word.size() - n);
    word.append(add);
    return word;
  };
  // Short words (`is`, `bus`) and words that are already singular stay as they are.
  if (word.size() <= 3) return word;
  if (ends_with(word, "ies")) return strip(3, "y");
  if (ends_with(word, "sses") || ends_with(word, "xes") || ends_with(word, "ches") ||
      ends_with(word, "shes")) {
    return strip(2);
  }
  if (ends_with(word, "ss") || ends_with(word, "us") || ends_with(word, "is")) return word;
  if (ends_with(word, "s")) return strip(1);
  return word;
}

std::string join(std::string_view a, std::string_view b) {
  const std::string_view left = trim_underscores_right(a);
  const std::string_view right = trim_underscores_left(b);
  if (left.empty()) return std::string(b);
  if (right.empty()) return std::string(a);
  std::string out(left);
  out.push_back('_');
  out.append(right);
  return out;
}

std::string type_name(std::string_view schema, std::string_view name) {
  std::string base = snake_case(name);
  if (schema != "public" && !schema.empty()) base = join(snake_case(schema), base);
  return escape_reserved(base);
}

std::string parameter(std::string_view name, int number) {
  return name.empty() ? fmt::format("p{}", number) : std::string(name);
}

}  // namespace soong::gen::naming

namespace soong::gen {

std::string name_scope::claim(std::string_view base) {
  std::string name(base);
  for (int n = 2; taken_.count(name) != 0; ++n) name = naming::join(base, std::to_string(n));
  taken_.insert(name);
  return name;
}

query_names name_query(name_scope& namespace_scope, std::string_view query_name,
                       const query_name_needs& needs) {
  using naming::join;
  query_names names;
  names.function = namespace_scope.claim(naming::identifier(query_name));
  // Every other name is built from the function's; join drops its keyword escape (`delete_`
  // gives `delete_statement`, never `delete__statement`).
  const std::string& stem = names.function;
  if (needs.json_variant) names.json_function = namespace_scope.claim(join(stem, "json"));
  if (needs.params_struct) names.params_struct = namespace_scope.claim(join(stem, "params"));
  if (needs.row_struct) names.row_struct = namespace_scope.claim(join(stem, "row"));

  // The locals of batch and per-item bodies that query parameters do not already avoid
  // (emit/model.cpp keeps them from `conn`, `item`, `r`, ...).
  constexpr std::string_view batch_locals[] = {
      "outcome", "on_item", "row",    "parameter_sets", "parameters",     "answer", "session",
      "rows",    "records", "record", "item_rows",      "in_transaction", "k"};
  const std::string_view single = needs.single_item_parameter;
  if (!single.empty() && std::find(std::begin(batch_locals), std::end(batch_locals), single) ==
                             std::end(batch_locals)) {
    names.items = std::string(single);
  }

  names.statement = join(stem, "statement");
  names.read_row = join(join("read", stem), "row");
  names.param_types = join(stem, "param_types");
  names.column_types = join(stem, "column_types");
  names.copy_statement = join(stem, "copy");
  names.copy_columns = join(stem, "copy_columns");
  if (needs.json_variant) {
    names.json_statement = join(names.json_function, "statement");
    names.json_column_types = join(names.json_function, "column_types");
  }
  return names;
}

}  // namespace soong::gen
