#pragma once
// SQL identifiers as generated statements spell them: bare when PostgreSQL reads the bare word
// as that identifier (lower case letters, digits and `_`, not a keyword), else double-quoted.

#include <string>
#include <string_view>

namespace soong::gen {

/// `users` → `users`, `User` → `"User"`, `order` → `"order"`, `a"b` → `"a""b"`.
[[nodiscard]] std::string sql_identifier(std::string_view name);

/// Always double-quoted (`users` → `"users"`, `a"b` → `"a""b"`): for names that must keep their
/// exact spelling whatever the word, such as COPY's table and column lists.
[[nodiscard]] std::string quoted_sql_identifier(std::string_view name);

/// `schema.name` with each part as sql_identifier spells it.
[[nodiscard]] std::string sql_qualified_name(std::string_view schema, std::string_view name);

}  // namespace soong::gen
