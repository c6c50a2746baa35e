#pragma once
// The SQL of the typed CRUD functions (docs/crud.md), in one place. Both the generator (which
// prints the fixed statements into generated code and prepares every shape it can write down
// on its throwaway server) and the runtime (which builds the statement for the columns one call
// sets) use these functions, so the two can never disagree.
//
// Every identifier comes from `table_text`, which generated code fills with identifiers the
// generator quoted; nothing here ever sees a string from the user of the generated code.
// Parameters are numbered in the order their columns appear in the table, then the key, then
// the rest, which is the order generated code binds them in.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace soong::crud_sql {

/// One table, as generated code describes it: quoted identifiers only.
struct table_text {
  std::string_view relation;                  ///< "public"."gizmos"
  std::span<const std::string_view> columns;  ///< quoted column names, in table order
  std::span<const std::string_view> types;    ///< each column's SQL type, for array casts
  std::span<const std::uint16_t> key;         ///< column indexes of the primary key
};

/// What one call does with each column, one character per column in table order.
namespace mark {
inline constexpr char none = '-';     ///< not part of this statement
inline constexpr char value = 'v';    ///< INSERT/UPDATE writes a parameter
inline constexpr char equals = 'e';   ///< filter: column = $n
inline constexpr char is_null = 'n';  ///< filter: column IS NULL
inline constexpr char any_of = 'a';   ///< filter: column = ANY($n)
}  // namespace mark

namespace detail {

inline void append_column_list(std::string& sql, const table_text& t) {
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += t.columns[i];
  }
}

inline void append_parameter(std::string& sql, int& next) {
  sql += '$';
  sql += std::to_string(next++);
}

/// `a = $1 AND b = $2` over the key columns.
inline void append_key_condition(std::string& sql, const table_text& t, int& next) {
  for (std::size_t i = 0; i < t.key.size(); ++i) {
    if (i > 0) sql += " AND ";
    sql += t.columns[t.key[i]];
    sql += " = ";
    append_parameter(sql, next);
  }
}

inline void append_returning(std::string& sql, const table_text& t) {
  sql += "\nRETURNING ";
  append_column_list(sql, t);
}

}  // namespace detail

/// SELECT <all columns> FROM t WHERE <key> = $1...
[[nodiscard]] inline std::string get(const table_text& t) {
  std::string sql = "SELECT ";
  detail::append_column_list(sql, t);
  sql += "\nFROM ";
  sql += t.relation;
  sql += "\nWHERE ";
  int next = 1;
  detail::append_key_condition(sql, t, next);
  return sql;
}

/// SELECT EXISTS (SELECT FROM t WHERE <key> = $1...)
[[nodiscard]] inline std::string exists(const table_text& t) {
  std::string sql = "SELECT EXISTS (SELECT FROM ";
  sql += t.relation;
  sql += " WHERE ";
  int next = 1;
  detail::append_key_condition(sql, t, next);
  sql += ")";
  return sql;
}

/// DELETE FROM t WHERE <key> = $1... RETURNING <all columns>
[[nodiscard]] inline std::string remove(const table_text& t) {
  std::string sql = "DELETE FROM ";
  sql += t.relation;
  sql += "\nWHERE ";
  int next = 1;
  detail::append_key_condition(sql, t, next);
  detail::append_returning(sql, t);
  return sql;
}

/// INSERT INTO t (<columns marked value>) VALUES ($1, ...) RETURNING <all columns>; no column
/// marked: DEFAULT VALUES.
[[nodiscard]] inline std::string insert(const table_text& t, std::string_view marks) {
  std::string sql = "INSERT INTO ";
  sql += t.relation;
  std::string names;
  std::string values;
  int next = 1;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (marks[i] != mark::value) continue;
    if (!names.empty()) {
      names += ", ";
      values += ", ";
    }
    names += t.columns[i];
    detail::append_parameter(values, next);
  }
  if (names.empty()) {
    sql += " DEFAULT VALUES";
  } else {
    sql += " (" + names + ")\nVALUES (" + values + ")";
  }
  detail::append_returning(sql, t);
  return sql;
}

/// INSERT INTO t (<columns marked value>) SELECT * FROM unnest($1::type[], ...) RETURNING
/// <all columns>: any number of rows in one statement, each column one array parameter.
/// At least one column must be marked (rows of only defaults have no array to count them by).
[[nodiscard]] inline std::string insert_many(const table_text& t, std::string_view marks) {
  std::string sql = "INSERT INTO ";
  sql += t.relation;
  std::string names;
  std::string arrays;
  int next = 1;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (marks[i] != mark::value) continue;
    if (!names.empty()) {
      names += ", ";
      arrays += ", ";
    }
    names += t.columns[i];
    detail::append_parameter(arrays, next);
    arrays += "::";
    arrays += t.types[i];
    arrays += "[]";
  }
  sql += " (" + names + ")\nSELECT * FROM unnest(" + arrays + ")";
  detail::append_returning(sql, t);
  return sql;
}

/// UPDATE t SET <column marked value> = $n, ... WHERE <key> RETURNING <all columns>. With a
/// version column (`version >= 0`), that column must also equal the last parameter and is
/// incremented: a row changed since it was read is not updated (optimistic locking). At least
/// one column must be marked.
[[nodiscard]] inline std::string update(const table_text& t, std::string_view marks,
                                        int version = -1) {
  std::string sql = "UPDATE ";
  sql += t.relation;
  sql += "\nSET ";
  int next = 1;
  bool first = true;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (marks[i] != mark::value) continue;
    if (!first) sql += ", ";
    first = false;
    sql += t.columns[i];
    sql += " = ";
    detail::append_parameter(sql, next);
  }
  if (version >= 0) {
    const std::string_view column = t.columns[static_cast<std::size_t>(version)];
    if (!first) sql += ", ";
    sql += column;
    sql += " = ";
    sql += column;
    sql += " + 1";
  }
  sql += "\nWHERE ";
  detail::append_key_condition(sql, t, next);
  if (version >= 0) {
    sql += " AND ";
    sql += t.columns[static_cast<std::size_t>(version)];
    sql += " = ";
    detail::append_parameter(sql, next);
  }
  detail::append_returning(sql, t);
  return sql;
}

namespace detail {

/// SELECT <all columns> FROM t WHERE <each marked column's condition> [AND (key) > (after)],
/// numbering parameters from `next`: the part select() and get_by() share.
inline std::string select_where(const table_text& t, std::string_view marks, bool after,
                                int& next) {
  std::string sql = "SELECT ";
  append_column_list(sql, t);
  sql += "\nFROM ";
  sql += t.relation;
  std::string where;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (marks[i] == mark::none) continue;
    if (!where.empty()) where += " AND ";
    where += t.columns[i];
    if (marks[i] == mark::is_null) {
      where += " IS NULL";
    } else if (marks[i] == mark::any_of) {
      where += " = ANY (";
      append_parameter(where, next);
      where += "::";
      where += t.types[i];
      where += "[])";
    } else {
      where += " = ";
      append_parameter(where, next);
    }
  }
  if (after && !t.key.empty()) {
    if (!where.empty()) where += " AND ";
    std::string names;
    std::string values;
    for (std::size_t i = 0; i < t.key.size(); ++i) {
      if (i > 0) {
        names += ", ";
        values += ", ";
      }
      names += t.columns[t.key[i]];
      append_parameter(values, next);
    }
    where += "(" + names + ") > (" + values + ")";
  }
  if (!where.empty()) sql += "\nWHERE " + where;
  return sql;
}

}  // namespace detail

/// SELECT <all columns> FROM t WHERE <each marked column's condition> [AND (key) > (after)]
/// ORDER BY <key> LIMIT $n: one keyset page. `after` adds one parameter per key column.
/// Without a key (`t.key` empty) there is no order and no `after`.
[[nodiscard]] inline std::string select(const table_text& t, std::string_view marks, bool after) {
  int next = 1;
  std::string sql = detail::select_where(t, marks, after, next);
  if (!t.key.empty()) {
    sql += "\nORDER BY ";
    for (std::size_t i = 0; i < t.key.size(); ++i) {
      if (i > 0) sql += ", ";
      sql += t.columns[t.key[i]];
    }
  }
  sql += "\nLIMIT ";
  detail::append_parameter(sql, next);
  return sql;
}

/// SELECT <all columns> FROM t WHERE <each column marked equals> = $n ... LIMIT $m: the lookup
/// by a unique key. No ORDER BY, since a unique key matches at most one row; the LIMIT stays
/// because a deferrable unique constraint may hold duplicates until its transaction commits.
[[nodiscard]] inline std::string get_by(const table_text& t, std::string_view marks) {
  int next = 1;
  std::string sql = detail::select_where(t, marks, false, next);
  sql += "\nLIMIT ";
  detail::append_parameter(sql, next);
  return sql;
}

/// INSERT ... VALUES (...) ON CONFLICT (<target columns>) DO UPDATE SET <column marked value in
/// `on_conflict`> = $n ... RETURNING <all columns>, (xmax = 0): the row, and whether it was
/// inserted (a row this statement inserted has no xmax; one it updated does). Nothing marked in
/// `on_conflict`: one column is set to the value it has, so the existing row is still locked
/// and returned unchanged. The insert's parameters come first, then the conflict update's. `target`
/// holds column indexes of the primary key or of a unique key. With a version column
/// (`version >= 0`, optimistic locking) the conflict update also increments it, and happens
/// only when the stored version equals the inserted row's (EXCLUDED): a stale version updates
/// and returns no row.
[[nodiscard]] inline std::string upsert(const table_text& t, std::string_view insert_marks,
                                        std::string_view on_conflict,
                                        std::span<const std::uint16_t> target, int version = -1) {
  std::string sql = insert(t, insert_marks);
  sql.erase(sql.rfind("\nRETURNING "));
  int next = 1;
  for (const char m : insert_marks) next += m == mark::value ? 1 : 0;
  sql += "\nON CONFLICT (";
  for (std::size_t i = 0; i < target.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += t.columns[target[i]];
  }
  sql += ") DO UPDATE SET ";
  bool first = true;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (on_conflict[i] != mark::value) continue;
    if (!first) sql += ", ";
    first = false;
    sql += t.columns[i];
    sql += " = ";
    detail::append_parameter(sql, next);
  }
  if (version >= 0) {
    const std::string_view column = t.columns[static_cast<std::size_t>(version)];
    if (!first) sql += ", ";
    first = false;
    sql += column;
    sql += " = ";
    sql += t.relation;
    sql += ".";
    sql += column;
    sql += " + 1";
  }
  if (first) {
    // Set a column to the value it has (the first one the insert writes, else the first
    // target column): the row is locked and returned, nothing changes.
    std::size_t column = target.front();
    const std::size_t written = insert_marks.find(mark::value);
    if (written != std::string_view::npos) column = written;
    sql += t.columns[column];
    sql += " = ";
    sql += t.relation;
    sql += ".";
    sql += t.columns[column];
  }
  if (version >= 0) {
    const std::string_view column = t.columns[static_cast<std::size_t>(version)];
    sql += "\nWHERE ";
    sql += t.relation;
    sql += ".";
    sql += column;
    sql += " = EXCLUDED.";
    sql += column;
  }
  detail::append_returning(sql, t);
  sql += ", (xmax = 0) AS inserted";
  return sql;
}

/// `sql` wrapped so PostgreSQL returns its first row as one JSON object (no row: no row).
[[nodiscard]] inline std::string json_object(std::string_view sql) {
  std::string out = "WITH q AS (\n";
  out += sql;
  out += "\n)\nSELECT row_to_json(q) FROM q LIMIT 1";
  return out;
}

/// `sql` wrapped so PostgreSQL returns its rows as one JSON array, in their order (`[]` when
/// there are none).
[[nodiscard]] inline std::string json_array(std::string_view sql) {
  std::string out = "WITH q AS (\n";
  out += sql;
  out += "\n)\nSELECT coalesce(array_to_json(array_agg(row_to_json(q))), '[]') FROM q";
  return out;
}

}  // namespace soong::crud_sql
