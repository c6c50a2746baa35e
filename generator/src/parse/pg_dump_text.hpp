#pragma once
// What `pg_dump --schema-only` writes besides the schema itself, made harmless for a schema
// load on another server: psql meta-commands (`\restrict <key>` / `\unrestrict <key>`, which
// the server's SQL parser rejects), `CREATE SCHEMA public` (every database has it),
// `ALTER ... OWNER TO <role>` (the dump's roles need not exist where it is loaded),
// `COMMENT ON EXTENSION` (only the extension's owner may run it) and settings newer dumps set
// that older servers do not know (`SET transaction_timeout`). The loading role owns what it
// creates, as with `pg_restore --no-owner`.
//
// Removed text is replaced by spaces (line breaks kept), so offsets, lines and columns still
// point into the original file.

#include <string>

namespace soong::gen {

/// Blanks the statements and lines above in `sql`; leaves everything else as it is.
void blank_pg_dump_noise(std::string& sql);

}  // namespace soong::gen
