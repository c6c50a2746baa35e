// The reference: libpq written by hand the fastest way for each workload (prepared statements,
// binary parameters and results, pipeline mode, binary COPY). It decodes into the same shapes
// the generated code returns (std::string fields, std::optional for NULL), so the ratio
// measures soong's overhead, not a different result type.

#include <libpq-fe.h>

#include <array>
#include <bit>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "clients.hpp"
#include "hand_written_rows.hpp"
#include "libpq_handles.hpp"
#include "pg_binary.hpp"
#include "w1_point.sql.hpp"
#include "w2_bulk.sql.hpp"
#include "w4_json.sql.hpp"
#include "w4_variants.hpp"

// The generated code's namespace (bench/CMakeLists.txt: NAMESPACE bench::db).
namespace db = ::bench::db;

namespace soong::bench {
namespace {

void prepare(PGconn* conn, const char* name, std::string_view sql, int n, const Oid* types) {
  result_ptr res(PQprepare(conn, name, std::string(sql).c_str(), n, types), &PQclear);
  check(conn, res.get(), PGRES_COMMAND_OK, name);
}

std::string text_of(const PGresult* res, int row, int column) {
  return std::string(PQgetvalue(res, row, column),
                     static_cast<std::size_t>(PQgetlength(res, row, column)));
}

// --- W1 ---------------------------------------------------------------------------------

std::optional<user_row> get_user(PGconn* conn, std::int64_t id) {
  char id_be[8];
  write_be(id_be, id);
  const char* values[] = {id_be};
  const int lengths[] = {8};
  const int formats[] = {1};
  result_ptr res(PQexecPrepared(conn, "get_user", 1, values, lengths, formats, 1), &PQclear);
  check(conn, res.get(), PGRES_TUPLES_OK, "get_user");
  const PGresult* r = res.get();
  if (PQntuples(r) == 0) return std::nullopt;
  return user_row{read_be<std::int64_t>(PQgetvalue(r, 0, 0)), text_of(r, 0, 1), text_of(r, 0, 2),
                  read_be<std::int64_t>(PQgetvalue(r, 0, 3)) + postgres_epoch_unix_us};
}

run_result w1(const run_options& options) {
  const connection_ptr conn = connect(options);
  const Oid types[] = {20};
  prepare(conn.get(), "get_user", db::detail::get_user_statement.sql, 1, types);
  return run_w1_loop(options, [&](std::int64_t id) { return get_user(conn.get(), id); });
}

// --- W2 ---------------------------------------------------------------------------------

wide_row read_wide_row(const PGresult* r, int i) {
  wide_row row{read_be<std::int32_t>(PQgetvalue(r, i, 0)),
               read_be<std::int64_t>(PQgetvalue(r, i, 1)),
               text_of(r, i, 2),
               *PQgetvalue(r, i, 3) != 0,
               read_be<std::int64_t>(PQgetvalue(r, i, 4)) + postgres_epoch_unix_us,
               {},
               read_be_double(PQgetvalue(r, i, 6)),
               std::nullopt};
  std::memcpy(row.u.data(), PQgetvalue(r, i, 5), 16);
  if (!PQgetisnull(r, i, 7)) row.nt = text_of(r, i, 7);
  return row;
}

result_ptr read_wide(PGconn* conn) {
  result_ptr res(PQexecPrepared(conn, "read_wide", 0, nullptr, nullptr, nullptr, 1), &PQclear);
  check(conn, res.get(), PGRES_TUPLES_OK, "read_wide");
  return res;
}

/// Streaming as a hand-written program does it: single-row mode, each row a PGresult of its own
/// freed before the next arrives (flat memory; chunked mode is libpq 17, not in Debian 12).
std::int64_t stream_wide(PGconn* conn, std::uint64_t& checksum) {
  if (PQsendQueryPrepared(conn, "read_wide", 0, nullptr, nullptr, nullptr, 1) != 1 ||
      PQsetSingleRowMode(conn) != 1) {
    throw std::runtime_error(std::string("read_wide: ") + PQerrorMessage(conn));
  }
  std::int64_t rows = 0;
  while (PGresult* raw = PQgetResult(conn)) {
    const result_ptr res(raw, &PQclear);
    if (PQresultStatus(raw) == PGRES_SINGLE_TUPLE) {
      checksum += wide_sum(read_wide_row(raw, 0));
      ++rows;
    } else {
      check(conn, raw, PGRES_TUPLES_OK, "read_wide");
    }
  }
  return rows;
}

run_result w2(std::string_view variant, const run_options& options) {
  const connection_ptr conn = connect(options);
  prepare(conn.get(), "read_wide", db::detail::read_wide_statement.sql, 0, nullptr);
  (void)read_wide(conn.get());  // warm-up, as every client's
  run_result out;
  if (variant == "w2_vector") {
    std::vector<wide_row> rows;
    measure(out, [&] {
      const result_ptr res = read_wide(conn.get());
      const int n = PQntuples(res.get());
      rows.reserve(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) rows.push_back(read_wide_row(res.get(), i));
    });
    for (const auto& row : rows) out.checksum += wide_sum(row);
    out.items = static_cast<std::int64_t>(rows.size());
  } else if (variant == "w2_stream") {
    measure(out, [&] { out.items = stream_wide(conn.get(), out.checksum); });
  } else {
    throw unsupported_variant("libpq_binary", variant);
  }
  return out;
}

// --- W3 ---------------------------------------------------------------------------------

constexpr Oid sink_types[] = {20, 23, 25, 1184, 701};

/// One row's binary parameters, encoded in place.
struct sink_params {
  char id[8], qty[4], at[8], price[8];
  const char* values[5];
  int lengths[5];
  explicit sink_params(const sink_item& item) {
    write_be(id, item.id);
    write_be(qty, item.qty);
    write_be(at, item.at_unix_us - postgres_epoch_unix_us);
    write_be(price, std::bit_cast<std::uint64_t>(item.price));
    values[0] = id, values[1] = qty, values[2] = item.label.data(), values[3] = at,
    values[4] = price;
    lengths[0] = 8, lengths[1] = 4, lengths[2] = static_cast<int>(item.label.size()),
    lengths[3] = 8, lengths[4] = 8;
  }
};
constexpr int binary_formats[] = {1, 1, 1, 1, 1};

void insert_each(PGconn* conn, const std::vector<sink_item>& items) {
  exec(conn, "BEGIN");
  for (const sink_item& item : items) {
    const sink_params p(item);
    result_ptr res(PQexecPrepared(conn, "insert_sink", 5, p.values, p.lengths, binary_formats, 1),
                   &PQclear);
    check(conn, res.get(), PGRES_COMMAND_OK, "insert_sink");
  }
  exec(conn, "COMMIT");
}

void insert_pipeline(PGconn* conn, const std::vector<sink_item>& items) {
  exec(conn, "BEGIN");
  if (PQenterPipelineMode(conn) != 1) throw std::runtime_error("pipeline mode");
  for (const sink_item& item : items) {
    const sink_params p(item);
    if (PQsendQueryPrepared(conn, "insert_sink", 5, p.values, p.lengths, binary_formats, 1) != 1) {
      throw std::runtime_error(std::string("send: ") + PQerrorMessage(conn));
    }
  }
  if (PQpipelineSync(conn) != 1) throw std::runtime_error("sync");
  for (std::size_t i = 0; i < items.size(); ++i) {
    result_ptr res(PQgetResult(conn), &PQclear);
    check(conn, res.get(), PGRES_COMMAND_OK, "pipeline item");
    if (PGresult* end = PQgetResult(conn); end != nullptr) PQclear(end);  // the item's nullptr
  }
  result_ptr sync(PQgetResult(conn), &PQclear);
  check(conn, sync.get(), PGRES_PIPELINE_SYNC, "pipeline sync");
  PQexitPipelineMode(conn);
  exec(conn, "COMMIT");
}

void insert_copy(PGconn* conn, const std::vector<sink_item>& items) {
  exec(conn, "BEGIN");
  result_ptr start(PQexec(conn, "COPY sink (id, qty, label, at, price) FROM STDIN (FORMAT binary)"),
                   &PQclear);
  check(conn, start.get(), PGRES_COPY_IN, "COPY");
  std::string buffer("PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0", 19);
  const auto flush = [&] {
    if (PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1) {
      throw std::runtime_error(std::string("PQputCopyData: ") + PQerrorMessage(conn));
    }
    buffer.clear();
  };
  for (const sink_item& item : items) {
    append_be<std::int16_t>(buffer, 5);
    append_be<std::int32_t>(buffer, 8);
    append_be(buffer, item.id);
    append_be<std::int32_t>(buffer, 4);
    append_be(buffer, item.qty);
    append_be(buffer, static_cast<std::int32_t>(item.label.size()));
    buffer.append(item.label);
    append_be<std::int32_t>(buffer, 8);
    append_be(buffer, item.at_unix_us - postgres_epoch_unix_us);
    append_be<std::int32_t>(buffer, 8);
    append_be(buffer, std::bit_cast<std::uint64_t>(item.price));
    if (buffer.size() >= 65536) flush();
  }
  append_be<std::int16_t>(buffer, -1);
  flush();
  if (PQputCopyEnd(conn, nullptr) != 1) throw std::runtime_error("PQputCopyEnd");
  result_ptr done(PQgetResult(conn), &PQclear);
  check(conn, done.get(), PGRES_COMMAND_OK, "COPY end");
  while (PGresult* extra = PQgetResult(conn)) PQclear(extra);
  exec(conn, "COMMIT");
}

run_result w3(std::string_view variant, const run_options& options) {
  const connection_ptr conn = connect(options);
  exec(conn.get(), "TRUNCATE sink");
  prepare(conn.get(), "insert_sink",
          "INSERT INTO sink (id, qty, label, at, price) VALUES ($1, $2, $3, $4, $5)", 5,
          sink_types);
  std::vector<sink_item> items;
  for (int i = 0; i < options.w3_rows; ++i) items.push_back(make_sink_item(i));
  run_result out;
  if (variant == "w3_exec") {
    measure(out, [&] { insert_each(conn.get(), items); });
  } else if (variant == "w3_batch") {
    measure(out, [&] { insert_pipeline(conn.get(), items); });
  } else if (variant == "w3_copy") {
    measure(out, [&] { insert_copy(conn.get(), items); });
  } else {
    throw unsupported_variant("libpq_binary", variant);
  }
  out.items = options.w3_rows;
  result_ptr sum(PQexec(conn.get(), std::string(sink_checksum_sql).c_str()), &PQclear);
  check(conn.get(), sum.get(), PGRES_TUPLES_OK, "checksum");
  out.checksum = std::stoull(PQgetvalue(sum.get(), 0, 0));
  return out;
}

// --- W4 ---------------------------------------------------------------------------------

std::vector<post_row> list_posts(PGconn* conn) {
  result_ptr res(PQexecPrepared(conn, "list_posts", 0, nullptr, nullptr, nullptr, 1), &PQclear);
  check(conn, res.get(), PGRES_TUPLES_OK, "list_posts");
  const PGresult* r = res.get();
  std::vector<post_row> rows;
  rows.reserve(static_cast<std::size_t>(PQntuples(r)));
  for (int i = 0; i < PQntuples(r); ++i) {
    rows.push_back({read_be<std::int64_t>(PQgetvalue(r, i, 0)), text_of(r, i, 1), text_of(r, i, 2),
                    read_be<std::int32_t>(PQgetvalue(r, i, 3)), *PQgetvalue(r, i, 4) != 0});
  }
  return rows;
}

run_result w4(std::string_view variant, const run_options& options) {
  const connection_ptr conn = connect(options);
  prepare(conn.get(), "list_posts", db::detail::list_posts_statement.sql, 0, nullptr);
  prepare(conn.get(), "list_posts_json", db::detail::list_posts_json_statement.sql, 0, nullptr);
  (void)list_posts(conn.get());  // warm-up, as every client's
  const auto server_json = [&] {
    // Text result: the JSON arrives as the text it is (binary json is the same bytes).
    result_ptr res(PQexecPrepared(conn.get(), "list_posts_json", 0, nullptr, nullptr, nullptr, 0),
                   &PQclear);
    check(conn.get(), res.get(), PGRES_TUPLES_OK, "list_posts_json");
    return text_of(res.get(), 0, 0);
  };
  return run_w4_variant("libpq_binary", variant, server_json,
                        [&] { return list_posts(conn.get()); });
}

}  // namespace

run_result run_libpq_binary(std::string_view variant, const run_options& options) {
  if (variant == "w1") return w1(options);
  if (variant.starts_with("w2_")) return w2(variant, options);
  if (variant.starts_with("w3_")) return w3(variant, options);
  if (variant.starts_with("w4_")) return w4(variant, options);
  throw unsupported_variant("libpq_binary", variant);
}

}  // namespace soong::bench
