#include "oracle/insert_target.hpp"

#include <string>

#include "oracle/pg_handles.hpp"

namespace soong::gen {

bool insert_always_keeps_row(PGconn* conn, std::string_view schema, std::string_view table) {
  using oracle_detail::bool_at;
  using oracle_detail::exec_checked;
  using oracle_detail::quote_identifier;
  std::string name = quote_identifier(conn, table);
  if (!schema.empty()) name = quote_identifier(conn, schema) + "." + name;
  // pg_trigger.tgtype bits: 1 row level, 2 before, 4 insert, 16 update.
  const auto result =
      exec_checked(conn, "insert target",
                   "SELECT c.relkind = 'r'"
                   "       AND NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t"
                   "                        WHERE t.tgrelid = c.oid AND t.tgtype & 3 = 3"
                   "                          AND t.tgtype & 20 <> 0)"
                   "       AND NOT EXISTS (SELECT FROM pg_catalog.pg_rewrite r"
                   "                        WHERE r.ev_class = c.oid AND r.ev_type = '3')"
                   "  FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass($1)",
                   {name});
  return PQntuples(result.get()) == 1 && bool_at(result.get(), 0, 0);
}

}  // namespace soong::gen
