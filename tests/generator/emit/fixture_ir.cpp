#include "fixture_ir.hpp"

#include <utility>

namespace soong::gen::testing {
namespace {

pg_type builtin(std::uint32_t oid, std::string name, int array_dims = 0) {
  pg_type t;
  t.oid = oid;
  t.schema = "pg_catalog";
  t.name = std::move(name);
  t.array_dims = array_dims;
  return t;
}

pg_type user_defined(type_kind kind, std::uint32_t oid, std::string name) {
  pg_type t;
  t.oid = oid;
  t.schema = "public";
  t.name = std::move(name);
  t.kind = kind;
  return t;
}

const pg_type int2 = builtin(21, "int2");
const pg_type int4 = builtin(23, "int4");
const pg_type int8 = builtin(20, "int8");
const pg_type text = builtin(25, "text");
const pg_type varchar = builtin(1043, "varchar");
const pg_type numeric = builtin(1700, "numeric");
const pg_type bytea = builtin(17, "bytea");
const pg_type jsonb = builtin(3802, "jsonb");
const pg_type text_array = builtin(25, "text", 1);
const pg_type mood = user_defined(type_kind::enumeration, 16390, "mood");
const pg_type address = user_defined(type_kind::composite, 16400, "address");

pg_type nickname() {
  pg_type t = user_defined(type_kind::domain, 16410, "nickname");
  t.domain_base = "text";
  t.domain_base_oid = 25;
  return t;
}

table users_table() {
  table t{"public", "users", false, {}};
  t.columns = {
      {"id", int8, true},
      {"handle", text, true},
      {"display_name", varchar, false},
      {"mood", mood, true},
      {"home", address, false},
      {"score", numeric, false},
      {"ratio", builtin(701, "float8"), false},
      {"level", int2, true},
      {"active", builtin(16, "bool"), true},
      {"avatar", bytea, false},
      {"token", builtin(2950, "uuid"), true},
      {"born", builtin(1082, "date"), false},
      {"wakes_at", builtin(1083, "time"), false},
      {"seen_local", builtin(1114, "timestamp"), false},
      {"created_at", builtin(1184, "timestamptz"), true},
      {"nap", builtin(1186, "interval"), false},
      {"prefs", jsonb, false},
      {"tags", text_array, false},
      {"lucky", builtin(23, "int4", 1), false},
      {"nick", nickname(), false},
      {"class", text, false},
      {"weight", builtin(700, "float4"), false},
      {"n", int4, true},
  };
  return t;
}

column users_column(const table& users, const std::string& name) {
  for (const table_column& c : users.columns) {
    if (c.name == name)
      return {c.name, c.type, !c.not_null, column_origin{"public", "users", name}};
  }
  return {};
}

column computed(std::string name, pg_type type, bool nullable) {
  return {std::move(name), std::move(type), nullable, std::nullopt};
}

param make_param(int number, std::string name, pg_type type, bool nullable = false) {
  return {number, std::move(name), std::move(type), nullable};
}

query make_query(std::string name, command cmd, std::string file, int line, std::string sql) {
  query q;
  q.name = std::move(name);
  q.cmd = cmd;
  q.location = {std::move(file), line, 1};
  q.sql = sql;
  // As parse/statement_access would judge the fixture's statements: only SELECT reads.
  q.access.read_only = sql.find("SELECT") != std::string::npos &&
                       sql.find("INSERT") == std::string::npos &&
                       sql.find("UPDATE") == std::string::npos;
  q.rewritten_sql = std::move(sql);
  return q;
}

}  // namespace

ir fixture_ir(bool with_batches) {
  ir out;
  out.enums.push_back({"public", "mood", {"sad", "ok", "happy", "very happy"}});
  out.composites.push_back({"public", "address", {{"street", text, true}, {"zip", int4, true}}});
  out.tables.push_back(users_table());
  const table& users = out.tables.back();
  const auto col = [&](const std::string& name) { return users_column(users, name); };

  const std::string file = "users/queries.sql";
  query q = make_query("CreateUser", command::one, file, 2,
                       "INSERT INTO users (handle, display_name, mood, home, score, avatar, tags, "
                       "prefs, \"class\", nick)\n"
                       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)\n"
                       "RETURNING id;");
  q.doc = "Creates a user and returns its id.";  // the comment above its `-- name:` line
  q.params = {make_param(1, "handle", text),
              make_param(2, "display_name", varchar, true),
              make_param(3, "mood", mood),
              make_param(4, "home", address, true),
              make_param(5, "score", numeric, true),
              make_param(6, "avatar", bytea, true),
              make_param(7, "tags", text_array, true),
              make_param(8, "prefs", jsonb, true),
              make_param(9, "class", text, true),
              make_param(10, "nick", nickname(), true)};
  q.columns = {col("id")};
  q.json_override = true;  // a write that asks for its _json twin (`-- soong:json on`)
  out.queries.push_back(q);

  q = make_query("GetUser", command::one, file, 8,
                 "SELECT id, handle, display_name, mood, home, score, ratio, level, active, "
                 "avatar, token, born,\n"
                 "       wakes_at, seen_local, created_at, nap, prefs, tags, lucky, nick, "
                 "\"class\", weight, n\n"
                 "FROM users WHERE id = $1;");
  q.params = {make_param(1, "id", int8)};
  for (const table_column& c : users.columns) q.columns.push_back(col(c.name));
  out.queries.push_back(q);

  q = make_query("ListUsers", command::many, file, 14,
                 "/* Every user, oldest first. */\n"
                 "SELECT id, handle, display_name, mood, created_at FROM users ORDER BY id;");
  q.columns = {col("id"), col("handle"), col("display_name"), col("mood"), col("created_at")};
  out.queries.push_back(q);

  q = make_query("ListHandlesByMood", command::many, file, 18,
                 "SELECT handle FROM users WHERE mood = $1 ORDER BY id;");
  q.params = {make_param(1, "mood", mood)};
  q.columns = {col("handle")};
  out.queries.push_back(q);

  q = make_query("GetHome", command::one, file, 21, "SELECT home FROM users WHERE id = $1;");
  q.params = {make_param(1, "id", int8)};
  q.columns = {col("home")};
  out.queries.push_back(q);

  q = make_query("SetMood", command::execrows, file, 24,
                 "UPDATE users SET mood = $2 WHERE handle = $1;");
  q.params = {make_param(1, "handle", text), make_param(2, "mood", mood)};
  out.queries.push_back(q);

  q = make_query("DeleteUser", command::exec, file, 27, "DELETE FROM users WHERE id = $1;");
  q.params = {make_param(1, "id", int8)};
  out.queries.push_back(q);

  q = make_query("TouchUsers", command::execresult, file, 30,
                 "UPDATE users SET level = level + 1 WHERE active;");
  out.queries.push_back(q);

  q = make_query("RenameUser", command::one, file, 33,
                 "UPDATE users SET handle = $2 WHERE id = $1 RETURNING id, handle;");
  q.params = {make_param(1, "id", int8), make_param(2, "handle", text)};
  q.columns = {col("id"), col("handle")};
  q.json_override = true;
  out.queries.push_back(q);

  const std::string reports = "reports.sql";
  q = make_query("CountByMood", command::many, reports, 1,
                 "SELECT mood, count(*) AS total FROM users GROUP BY mood ORDER BY mood;");
  q.columns = {col("mood"), computed("total", int8, false)};
  out.queries.push_back(q);

  // A parameter named like the generated functions' connection argument and one named like a
  // C++ keyword; the optional-filter idiom makes $2 nullable.
  q = make_query("FindByClass", command::many, reports, 4,
                 "SELECT id, \"class\" FROM users\n"
                 "WHERE \"class\" = $1 AND ($2::int4 IS NULL OR n = $2) ORDER BY id;");
  q.params = {make_param(1, "class", text), make_param(2, "conn", int4, true)};
  q.columns = {col("id"), col("class")};
  out.queries.push_back(q);

  if (with_batches) {
    const std::string batch = "batch.sql";
    q = make_query("InsertUsers", command::batchexec, batch, 1,
                   "INSERT INTO users (handle, mood) VALUES ($1, $2);");
    q.params = {make_param(1, "handle", text), make_param(2, "mood", mood)};
    out.queries.push_back(q);

    q = make_query("GetHandle", command::batchone, batch, 4,
                   "SELECT handle FROM users WHERE id = $1;");
    q.params = {make_param(1, "id", int8)};
    q.columns = {col("handle")};
    out.queries.push_back(q);

    q = make_query("UsersWithMood", command::batchmany, batch, 7,
                   "SELECT id, handle FROM users WHERE mood = $1 ORDER BY id;");
    q.params = {make_param(1, "mood", mood)};
    q.columns = {col("id"), col("handle")};
    out.queries.push_back(q);

    q = make_query("CopyUsers", command::copyfrom, batch, 10,
                   "INSERT INTO users (handle, mood, score) VALUES ($1, $2, $3);");
    q.params = {make_param(1, "handle", text), make_param(2, "mood", mood),
                make_param(3, "score", numeric, true)};
    q.copy = copy_target{"public", "users", {"handle", "mood", "score"}};
    out.queries.push_back(q);
  }

  // Timestamp parameters, which take any std::chrono time point of their clock (after the
  // batches, so that the other queries keep their indices).
  q = make_query("SetTimes", command::one, reports, 8,
                 "UPDATE users SET created_at = $2, seen_local = $3 WHERE handle = $1\n"
                 "RETURNING created_at, seen_local;");
  q.params = {make_param(1, "handle", text),
              make_param(2, "created_at", builtin(1184, "timestamptz")),
              make_param(3, "seen_local", builtin(1114, "timestamp"), true)};
  q.columns = {col("created_at"), col("seen_local")};
  out.queries.push_back(q);

  return out;
}

}  // namespace soong::gen::testing
