#pragma once
// The RDS Data API form of a statement (docs/data-api.md, "Generated functions"): what the
// generated Data API overloads send instead of the libpq form.
//
// - Each `$n` becomes `CAST(:name AS <exact type>)`: the service binds a string as `varchar`,
//   an integer as `int8`, and so on, so the cast gives every parameter the type PostgreSQL
//   inferred at build time whatever Field the value travels in (text for timestamps, numerics,
//   arrays, enums, NaN...), instead of the service guessing from the value.
// - A statement with result columns is wrapped so that each column comes back as its binary
//   form (`SELECT timestamptz_send(c1), ... FROM soong_rows`), a bytea the service answers as
//   base64; the runtime's binary codecs decode it, so no type loses precision or range on the
//   way (the service's own renderings drop NULL array elements, composites and infinities).

#include <string>
#include <string_view>
#include <vector>

#include "ir.hpp"

namespace soong::gen {

/// How a placeholder is written: `:name` for the service, `$n` to prepare the same text on
/// PostgreSQL at build time.
enum class placeholder_style { named, numbered };

/// `<schema>.<name>` quoted, with `[]` per array dimension: the cast a parameter gets.
[[nodiscard]] std::string exact_type_name(const pg_type& type);

/// `sql` (a statement of `q`'s, with its `$n`) with each `$n` written as the Data API form
/// writes it, and nothing else changed: the form of a statement derived from `q`.
[[nodiscard]] std::string data_api_placeholders(const query& q, std::string_view sql);
/// The same with `$n` kept inside each cast: the text prepared on PostgreSQL at build time.
[[nodiscard]] std::string data_api_numbered_placeholders(const query& q, std::string_view sql);

/// The Data API form of `q`; `send_functions[i]` is the send function of column i (as
/// `regproc` text, e.g. `timestamptz_send`, `array_send`). Pure: no server.
[[nodiscard]] std::string data_api_sql(const query& q,
                                       const std::vector<std::string>& send_functions,
                                       placeholder_style style);

}  // namespace soong::gen
