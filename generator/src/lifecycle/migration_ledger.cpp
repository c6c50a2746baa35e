// soong.schema_migrations: reading and writing the ledger of applied migrations.

#include "lifecycle/migration_ledger.hpp"

#include "soong/connection.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {

namespace {

std::vector<std::string> token_texts(const std::vector<checksum_token>& tokens) {
  std::vector<std::string> texts;
  texts.reserve(tokens.size());
  for (const checksum_token& t : tokens) texts.push_back(t.text);
  return texts;
}

std::int64_t signed_version(std::uint64_t version) { return static_cast<std::int64_t>(version); }

}  // namespace

bool ledger_exists(connection& conn) {
  // A catalog scan, not to_regclass: it reads with the statement's snapshot (and, locking the
  // catalogs, refreshes the session's catalog cache), so a ledger another runner has just
  // committed is seen.
  return execute_sql(conn,
                     "SELECT EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = "
                     "c.relnamespace WHERE n.nspname = 'soong' AND c.relname = "
                     "'schema_migrations')")
      .get<bool>(0, 0);
}

void ensure_ledger(connection& conn) {
  execute_script(conn,
                 "CREATE SCHEMA IF NOT EXISTS soong;"
                 "CREATE TABLE IF NOT EXISTS soong.schema_migrations ("
                 "  version bigint PRIMARY KEY,"
                 "  name text NOT NULL,"
                 "  checksum text NOT NULL,"
                 "  tokens text[] NOT NULL,"
                 "  applied_at timestamptz NOT NULL DEFAULT now(),"
                 "  applied_by text NOT NULL DEFAULT current_user,"
                 "  duration_ms bigint,"
                 "  statements_done integer,"
                 "  statements_total integer,"
                 "  down_checksum text,"
                 "  down_tokens text[])");
  // The down part's checksum came later: a ledger written before gets the columns (its rows
  // NULL: verified on their up part). Asked first, so the usual run takes no table lock.
  const bool has_down_columns =
      execute_sql(conn,
                  "SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid = "
                  "'soong.schema_migrations'::regclass AND attname = 'down_checksum')")
          .get<bool>(0, 0);
  if (!has_down_columns) {
    execute_script(conn,
                   "ALTER TABLE soong.schema_migrations ADD COLUMN IF NOT EXISTS down_checksum "
                   "text, ADD COLUMN IF NOT EXISTS down_tokens text[]");
  }
}

std::vector<applied_migration> read_ledger(connection& conn) {
  std::vector<applied_migration> out;
  if (!ledger_exists(conn)) return out;
  const result rows =
      execute_sql(conn,
                  "SELECT version, name, checksum, tokens,"
                  "       to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                  "       statements_done, statements_total,"
                  // Through to_jsonb, so a ledger without the down columns reads as NULLs
                  // without DDL (status and verify change nothing).
                  "       to_jsonb(s) ->> 'down_checksum',"
                  "       ARRAY(SELECT jsonb_array_elements_text(coalesce(nullif("
                  "         to_jsonb(s) -> 'down_tokens', 'null'::jsonb), '[]'::jsonb))) "
                  "FROM soong.schema_migrations s ORDER BY version");
  for (int i = 0; i < rows.rows(); ++i) {
    applied_migration a;
    a.version = static_cast<std::uint64_t>(rows.get<std::int64_t>(i, 0));
    a.name = rows.get<std::string>(i, 1);
    a.checksum = rows.get<std::string>(i, 2);
    a.tokens = rows.get<std::vector<std::string>>(i, 3);
    a.applied_at = rows.get<std::string>(i, 4);
    a.statements_done = rows.get<std::optional<std::int32_t>>(i, 5);
    a.statements_total = rows.get<std::optional<std::int32_t>>(i, 6);
    a.down_checksum = rows.get<std::optional<std::string>>(i, 7);
    a.down_tokens = rows.get<std::vector<std::string>>(i, 8);
    out.push_back(std::move(a));
  }
  return out;
}

void record_applied(connection& conn, const migration& m, std::int64_t duration_ms) {
  static_cast<void>(execute_sql(
      conn,
      "INSERT INTO soong.schema_migrations (version, name, checksum, tokens, duration_ms,"
      " down_checksum, down_tokens) VALUES ($1, $2, $3, $4, $5, $6, $7)"
      " ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name,"
      " checksum = EXCLUDED.checksum, tokens = EXCLUDED.tokens, applied_at = now(),"
      " duration_ms = EXCLUDED.duration_ms, statements_done = NULL, statements_total = NULL,"
      " down_checksum = EXCLUDED.down_checksum, down_tokens = EXCLUDED.down_tokens",
      signed_version(m.version), m.name, m.checksum, token_texts(m.tokens), duration_ms,
      m.down_checksum, token_texts(m.down_tokens)));
}

void record_progress(connection& conn, const migration& m, int done, int total) {
  static_cast<void>(execute_sql(
      conn,
      "INSERT INTO soong.schema_migrations (version, name, checksum, tokens, statements_done,"
      " statements_total) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (version) DO UPDATE SET"
      " checksum = EXCLUDED.checksum, tokens = EXCLUDED.tokens,"
      " statements_done = EXCLUDED.statements_done, statements_total = EXCLUDED.statements_total",
      signed_version(m.version), m.name, m.checksum, token_texts(m.tokens), std::int32_t{done},
      std::int32_t{total}));
}

void forget_applied(connection& conn, std::uint64_t version) {
  static_cast<void>(execute_sql(conn, "DELETE FROM soong.schema_migrations WHERE version = $1",
                                signed_version(version)));
}

void update_checksum(connection& conn, const migration& m) {
  static_cast<void>(execute_sql(
      conn,
      "UPDATE soong.schema_migrations SET checksum = $2, tokens = $3, down_checksum = $4,"
      " down_tokens = $5 WHERE version = $1",
      signed_version(m.version), m.checksum, token_texts(m.tokens), m.down_checksum,
      token_texts(m.down_tokens)));
}

}  // namespace soong::gen::lifecycle
