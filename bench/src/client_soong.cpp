// The soong client: the generated functions from bench/sql/queries, nothing else.

#include <nlohmann/json.hpp>
#include <numeric>
#include <soong/soong.hpp>
#include <vector>

#include "clients.hpp"
#include "w1_point.sql.hpp"
#include "w2_bulk.sql.hpp"
#include "w3_insert.sql.hpp"
#include "w4_json.sql.hpp"

// The generated code's namespace (bench/CMakeLists.txt: NAMESPACE bench::db).
namespace db = ::bench::db;

namespace soong::bench {
namespace {

std::uint64_t uuid_byte_sum(const soong::uuid& u) {
  std::uint64_t sum = 0;
  for (const std::byte b : u.bytes) sum += static_cast<unsigned char>(b);
  return sum;
}

std::uint64_t wide_sum(const db::wide& row) {
  return w2_row_sum(row.i4, row.i8, row.t, row.b, row.ts.time_since_epoch().count(),
                    uuid_byte_sum(row.u), row.f8, row.nt ? &*row.nt : nullptr);
}

run_result w1(const run_options& options) {
  soong::connection conn(options.conninfo);
  (void)db::get_user(conn, 1);  // prepares the statement, as every client's warm-up does
  run_result out;
  id_sequence ids(options.users);
  measure(out, [&] {
    for (int i = 0; i < options.w1_calls; ++i) {
      const auto user = db::get_user(conn, ids.next());
      if (!user) throw std::runtime_error("GetUser: no row");
      out.checksum += w1_row_sum(user->id, user->name.size(), user->email.size(),
                                 user->created_at.time_since_epoch().count());
    }
  });
  out.items = options.w1_calls;
  return out;
}

/// The first ReadWide call prepares the statement, as every client's warm-up does. It streams
/// (each row freed at once) so that, like the other clients' warm-ups, it leaves no 200,000
/// freed strings in malloc's free lists: those made the measured run pay a one-off
/// malloc_consolidate (~80 instructions per row) that the other clients never see.
void warm_up_read_wide(soong::connection& conn) {
  db::read_wide(conn, [](db::wide&&) {});
}

run_result w2_vector(const run_options& options) {
  soong::connection conn(options.conninfo);
  warm_up_read_wide(conn);
  run_result out;
  std::vector<db::wide> rows;
  measure(out, [&] { rows = db::read_wide(conn); });
  for (const auto& row : rows) out.checksum += wide_sum(row);
  out.items = static_cast<std::int64_t>(rows.size());
  return out;
}

run_result w2_stream(const run_options& options) {
  soong::connection conn(options.conninfo);
  warm_up_read_wide(conn);
  run_result out;
  measure(out, [&] {
    db::read_wide(conn, [&](db::wide&& row) {
      out.checksum += wide_sum(row);
      ++out.items;
    });
  });
  return out;
}

std::uint64_t sink_checksum(soong::connection& conn) {
  return std::stoull(soong::execute_sql(conn, sink_checksum_sql).get<std::string>(0, 0));
}

template <class Params>
std::vector<Params> sink_params(const std::vector<sink_item>& items) {
  std::vector<Params> params;
  params.reserve(items.size());
  for (const sink_item& item : items) {
    params.push_back({.id = item.id,
                      .qty = item.qty,
                      .label = item.label,
                      .at = soong::timestamptz(std::chrono::microseconds(item.at_unix_us)),
                      .price = item.price});
  }
  return params;
}

run_result w3(std::string_view variant, const run_options& options) {
  soong::connection conn(options.conninfo);
  soong::execute_script(conn, "TRUNCATE sink");
  std::vector<sink_item> items;
  for (int i = 0; i < options.w3_rows; ++i) items.push_back(make_sink_item(i));
  run_result out;
  if (variant == "w3_exec") {
    const auto params = sink_params<db::insert_sink_params>(items);
    measure(out, [&] {
      soong::transaction tx(conn);
      for (const auto& p : params) db::insert_sink(conn, p);
      tx.commit();
    });
  } else if (variant == "w3_batch") {
    const auto params = sink_params<db::insert_sink_batch_params>(items);
    measure(out, [&] {
      soong::transaction tx(conn);
      db::insert_sink_batch(conn, params);
      tx.commit();
    });
  } else if (variant == "w3_copy") {
    const auto params = sink_params<db::copy_sink_params>(items);
    measure(out, [&] {
      soong::transaction tx(conn);
      (void)db::copy_sink(conn, params);
      tx.commit();
    });
  } else {
    throw unsupported_variant("soong", variant);
  }
  out.items = options.w3_rows;
  out.checksum = sink_checksum(conn);
  return out;
}

run_result w4(std::string_view variant, const run_options& options) {
  soong::connection conn(options.conninfo);
  (void)db::list_posts(conn);  // warm-up: prepares both statements
  (void)db::list_posts_json(conn);
  run_result out;
  std::string json;
  if (variant == "w4_server_json") {
    measure(out, [&] { json = db::list_posts_json(conn); });
  } else if (variant == "w4_client_json") {
    measure(out, [&] {
      const nlohmann::json document = db::list_posts(conn);
      json = document.dump();
    });
  } else if (variant == "w4_direct_json") {
    // The generated writer (write_json for list_posts_row), no nlohmann::json tree.
    measure(out, [&] { json = soong::to_json_string(db::list_posts(conn)); });
  } else {
    throw unsupported_variant("soong", variant);
  }
  out.items = static_cast<std::int64_t>(nlohmann::json::parse(json).size());
  out.checksum = json_text_sum(json);
  return out;
}

}  // namespace

run_result run_soong(std::string_view variant, const run_options& options) {
  if (variant == "w1") return w1(options);
  if (variant == "w2_vector") return w2_vector(options);
  if (variant == "w2_stream") return w2_stream(options);
  if (variant.starts_with("w3_")) return w3(variant, options);
  if (variant.starts_with("w4_")) return w4(variant, options);
  throw unsupported_variant("soong", variant);
}

}  // namespace soong::bench
