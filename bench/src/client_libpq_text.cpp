// Raw libpq in text format: prepared statements with text parameters and text results, parsed
// by hand (text_parse.hpp). What most hand-written libpq code does; compare with the binary
// reference to see what the binary format saves.

#include <libpq-fe.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "clients.hpp"
#include "hand_written_rows.hpp"
#include "libpq_handles.hpp"
#include "text_parse.hpp"
#include "w1_point.sql.hpp"
#include "w2_bulk.sql.hpp"
#include "w4_json.sql.hpp"
#include "w4_variants.hpp"

// The generated code's namespace (bench/CMakeLists.txt: NAMESPACE bench::db).
namespace db = ::bench::db;

namespace soong::bench {
namespace {

void prepare(PGconn* conn, const char* name, std::string_view sql) {
  result_ptr res(PQprepare(conn, name, std::string(sql).c_str(), 0, nullptr), &PQclear);
  check(conn, res.get(), PGRES_COMMAND_OK, name);
}

std::string_view value(const PGresult* res, int row, int column) {
  return {PQgetvalue(res, row, column), static_cast<std::size_t>(PQgetlength(res, row, column))};
}

result_ptr exec_prepared(PGconn* conn, const char* name, int n, const char* const* values) {
  result_ptr res(PQexecPrepared(conn, name, n, values, nullptr, nullptr, 0), &PQclear);
  const ExecStatusType status = PQresultStatus(res.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    throw std::runtime_error(std::string(name) + ": " + PQerrorMessage(conn));
  }
  return res;
}

run_result w1(const run_options& options) {
  const connection_ptr conn = connect(options);
  prepare(conn.get(), "get_user", db::detail::get_user_statement.sql);
  const auto get_user = [&](std::int64_t id) -> std::optional<user_row> {
    const std::string id_text = std::to_string(id);
    const char* values[] = {id_text.c_str()};
    const result_ptr res = exec_prepared(conn.get(), "get_user", 1, values);
    const PGresult* r = res.get();
    if (PQntuples(r) == 0) return std::nullopt;
    return user_row{parse_int(value(r, 0, 0)), std::string(value(r, 0, 1)),
                    std::string(value(r, 0, 2)), parse_timestamptz_utc(value(r, 0, 3))};
  };
  return run_w1_loop(options, get_user);
}

wide_row read_wide_row(const PGresult* r, int i) {
  return {static_cast<std::int32_t>(parse_int(value(r, i, 0))),
          parse_int(value(r, i, 1)),
          std::string(value(r, i, 2)),
          parse_bool(value(r, i, 3)),
          parse_timestamptz_utc(value(r, i, 4)),
          parse_uuid(value(r, i, 5)),
          parse_double(value(r, i, 6)),
          PQgetisnull(r, i, 7) ? std::nullopt : std::optional<std::string>(value(r, i, 7))};
}

run_result w2(std::string_view variant, const run_options& options) {
  const connection_ptr conn = connect(options);
  prepare(conn.get(), "read_wide", db::detail::read_wide_statement.sql);
  (void)exec_prepared(conn.get(), "read_wide", 0, nullptr);  // warm-up
  run_result out;
  if (variant == "w2_vector") {
    std::vector<wide_row> rows;
    measure(out, [&] {
      const result_ptr res = exec_prepared(conn.get(), "read_wide", 0, nullptr);
      const int n = PQntuples(res.get());
      rows.reserve(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) rows.push_back(read_wide_row(res.get(), i));
    });
    for (const auto& row : rows) out.checksum += wide_sum(row);
    out.items = static_cast<std::int64_t>(rows.size());
  } else {
    measure(out, [&] {
      const result_ptr res = exec_prepared(conn.get(), "read_wide", 0, nullptr);
      const int n = PQntuples(res.get());
      for (int i = 0; i < n; ++i) out.checksum += wide_sum(read_wide_row(res.get(), i));
      out.items = n;
    });
  }
  return out;
}

/// One row's text parameters.
struct sink_text {
  std::string id, qty, price;
  char at_buffer[32];
  std::string_view at;
  const char* values[5];
  explicit sink_text(const sink_item& item)
      : id(std::to_string(item.id)),
        qty(std::to_string(item.qty)),
        price(std::to_string(item.price)),
        at(format_timestamptz_utc(item.at_unix_us, at_buffer)) {
    values[0] = id.c_str(), values[1] = qty.c_str(), values[2] = item.label.c_str(),
    values[3] = at_buffer, values[4] = price.c_str();
  }
};

void copy_text(PGconn* conn, const std::vector<sink_item>& items) {
  result_ptr start(PQexec(conn, "COPY sink (id, qty, label, at, price) FROM STDIN"), &PQclear);
  check(conn, start.get(), PGRES_COPY_IN, "COPY");
  std::string buffer;
  for (const sink_item& item : items) {
    const sink_text t(item);
    buffer.append(t.id).append("\t").append(t.qty).append("\t").append(item.label);
    buffer.append("\t").append(t.at).append("\t").append(t.price).append("\n");
    if (buffer.size() >= 65536) {
      if (PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1) {
        throw std::runtime_error("PQputCopyData");
      }
      buffer.clear();
    }
  }
  if (PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1 ||
      PQputCopyEnd(conn, nullptr) != 1) {
    throw std::runtime_error("COPY end");
  }
  result_ptr done(PQgetResult(conn), &PQclear);
  check(conn, done.get(), PGRES_COMMAND_OK, "COPY");
  while (PGresult* extra = PQgetResult(conn)) PQclear(extra);
}

void pipeline_text(PGconn* conn, const std::vector<sink_item>& items) {
  if (PQenterPipelineMode(conn) != 1) throw std::runtime_error("pipeline mode");
  for (const sink_item& item : items) {
    const sink_text t(item);
    if (PQsendQueryPrepared(conn, "insert_sink", 5, t.values, nullptr, nullptr, 0) != 1) {
      throw std::runtime_error(std::string("send: ") + PQerrorMessage(conn));
    }
  }
  if (PQpipelineSync(conn) != 1) throw std::runtime_error("sync");
  for (std::size_t i = 0; i < items.size(); ++i) {
    result_ptr res(PQgetResult(conn), &PQclear);
    check(conn, res.get(), PGRES_COMMAND_OK, "pipeline item");
    if (PGresult* end = PQgetResult(conn); end != nullptr) PQclear(end);
  }
  result_ptr sync(PQgetResult(conn), &PQclear);
  check(conn, sync.get(), PGRES_PIPELINE_SYNC, "pipeline sync");
  PQexitPipelineMode(conn);
}

run_result w3(std::string_view variant, const run_options& options) {
  const connection_ptr conn = connect(options);
  exec(conn.get(), "TRUNCATE sink");
  prepare(conn.get(), "insert_sink",
          "INSERT INTO sink (id, qty, label, at, price) VALUES ($1, $2, $3, $4, $5)");
  std::vector<sink_item> items;
  for (int i = 0; i < options.w3_rows; ++i) items.push_back(make_sink_item(i));
  run_result out;
  measure(out, [&] {
    exec(conn.get(), "BEGIN");
    if (variant == "w3_exec") {
      for (const sink_item& item : items) {
        const sink_text t(item);
        (void)exec_prepared(conn.get(), "insert_sink", 5, t.values);
      }
    } else if (variant == "w3_batch") {
      pipeline_text(conn.get(), items);
    } else if (variant == "w3_copy") {
      copy_text(conn.get(), items);
    } else {
      throw unsupported_variant("libpq_text", variant);
    }
    exec(conn.get(), "COMMIT");
  });
  out.items = options.w3_rows;
  result_ptr sum(PQexec(conn.get(), std::string(sink_checksum_sql).c_str()), &PQclear);
  check(conn.get(), sum.get(), PGRES_TUPLES_OK, "checksum");
  out.checksum = std::stoull(PQgetvalue(sum.get(), 0, 0));
  return out;
}

std::vector<post_row> list_posts(PGconn* conn) {
  const result_ptr res = exec_prepared(conn, "list_posts", 0, nullptr);
  const PGresult* r = res.get();
  std::vector<post_row> rows;
  rows.reserve(static_cast<std::size_t>(PQntuples(r)));
  for (int i = 0; i < PQntuples(r); ++i) {
    rows.push_back(
        {parse_int(value(r, i, 0)), std::string(value(r, i, 1)), std::string(value(r, i, 2)),
         static_cast<std::int32_t>(parse_int(value(r, i, 3))), parse_bool(value(r, i, 4))});
  }
  return rows;
}

run_result w4(std::string_view variant, const run_options& options) {
  const connection_ptr conn = connect(options);
  prepare(conn.get(), "list_posts", db::detail::list_posts_statement.sql);
  prepare(conn.get(), "list_posts_json", db::detail::list_posts_json_statement.sql);
  (void)list_posts(conn.get());
  const auto server_json = [&] {
    const result_ptr res = exec_prepared(conn.get(), "list_posts_json", 0, nullptr);
    return std::string(value(res.get(), 0, 0));
  };
  return run_w4_variant("libpq_text", variant, server_json, [&] { return list_posts(conn.get()); });
}

}  // namespace

run_result run_libpq_text(std::string_view variant, const run_options& options) {
  if (variant == "w1") return w1(options);
  if (variant.starts_with("w2_")) return w2(variant, options);
  if (variant.starts_with("w3_")) return w3(variant, options);
  if (variant.starts_with("w4_")) return w4(variant, options);
  throw unsupported_variant("libpq_text", variant);
}

}  // namespace soong::bench
