// libpqxx 6.4 (Debian libpqxx-dev), used the way its documentation shows: prepared statements,
// results in text format converted with field::as<T>(), pqxx::pipeline for batches,
// pqxx::stream_to for COPY.

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "clients.hpp"
#include "hand_written_rows.hpp"
#include "text_parse.hpp"
#include "w1_point.sql.hpp"
#include "w2_bulk.sql.hpp"
#include "w4_json.sql.hpp"
#include "w4_variants.hpp"

// The generated code's namespace (bench/CMakeLists.txt: NAMESPACE bench::db).
namespace db = ::bench::db;

namespace soong::bench {
namespace {

std::string_view view(const pqxx::field& f) { return {f.c_str(), f.size()}; }

run_result w1(const run_options& options) {
  pqxx::connection conn(options.conninfo);
  conn.prepare("get_user", std::string(db::detail::get_user_statement.sql));
  pqxx::nontransaction tx(conn);
  const auto get_user = [&](std::int64_t id) -> std::optional<user_row> {
    const pqxx::result r = tx.exec_prepared("get_user", id);
    if (r.empty()) return std::nullopt;
    const pqxx::row row = r[0];
    return user_row{row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(),
                    parse_timestamptz_utc(view(row[3]))};
  };
  return run_w1_loop(options, get_user);
}

wide_row read_wide_row(const pqxx::row& row) {
  return {row[0].as<std::int32_t>(),
          row[1].as<std::int64_t>(),
          row[2].as<std::string>(),
          row[3].as<bool>(),
          parse_timestamptz_utc(view(row[4])),
          parse_uuid(view(row[5])),
          row[6].as<double>(),
          row[7].is_null() ? std::nullopt : std::optional<std::string>(row[7].as<std::string>())};
}

run_result w2(std::string_view variant, const run_options& options) {
  pqxx::connection conn(options.conninfo);
  conn.prepare("read_wide", std::string(db::detail::read_wide_statement.sql));
  pqxx::nontransaction tx(conn);
  (void)tx.exec_prepared("read_wide");  // warm-up
  run_result out;
  if (variant == "w2_vector") {
    std::vector<wide_row> rows;
    measure(out, [&] {
      const pqxx::result r = tx.exec_prepared("read_wide");
      rows.reserve(r.size());
      for (const pqxx::row& row : r) rows.push_back(read_wide_row(row));
    });
    for (const auto& row : rows) out.checksum += wide_sum(row);
    out.items = static_cast<std::int64_t>(rows.size());
  } else if (variant == "w2_stream") {
    measure(out, [&] {
      const pqxx::result r = tx.exec_prepared("read_wide");
      for (const pqxx::row& row : r) out.checksum += wide_sum(read_wide_row(row));
      out.items = static_cast<std::int64_t>(r.size());
    });
  } else {
    throw unsupported_variant("libpqxx", variant);
  }
  return out;
}

run_result w3(std::string_view variant, const run_options& options) {
  pqxx::connection conn(options.conninfo);
  {
    pqxx::nontransaction tx(conn);
    tx.exec0("TRUNCATE sink");
  }
  conn.prepare("insert_sink",
               "INSERT INTO sink (id, qty, label, at, price) VALUES ($1, $2, $3, $4, $5)");
  std::vector<sink_item> items;
  for (int i = 0; i < options.w3_rows; ++i) items.push_back(make_sink_item(i));
  run_result out;
  char at_buffer[32];
  measure(out, [&] {
    pqxx::work tx(conn);
    if (variant == "w3_exec") {
      for (const sink_item& item : items) {
        const std::string_view at = format_timestamptz_utc(item.at_unix_us, at_buffer);
        tx.exec_prepared0("insert_sink", item.id, item.qty, item.label, std::string(at),
                          item.price);
      }
    } else if (variant == "w3_batch") {
      // libpqxx 6's batching: pqxx::pipeline sends queued SQL text (values quoted in).
      pqxx::pipeline pipe(tx);
      for (const sink_item& item : items) {
        const std::string_view at = format_timestamptz_utc(item.at_unix_us, at_buffer);
        // Built with append: GCC 12 -O3 reports a false -Wrestrict on chained operator+.
        std::string sql = "INSERT INTO sink (id, qty, label, at, price) VALUES (";
        sql.append(tx.quote(item.id)).append(",").append(tx.quote(item.qty)).append(",");
        sql.append(tx.quote(item.label)).append(",").append(tx.quote(std::string(at)));
        sql.append(",").append(tx.quote(item.price)).append(")");
        pipe.insert(sql);
      }
      pipe.complete();
    } else if (variant == "w3_copy") {
      pqxx::stream_to copy(tx, "sink",
                           std::vector<std::string>{"id", "qty", "label", "at", "price"});
      for (const sink_item& item : items) {
        const std::string_view at = format_timestamptz_utc(item.at_unix_us, at_buffer);
        copy << std::make_tuple(item.id, item.qty, item.label, std::string(at), item.price);
      }
      copy.complete();
    } else {
      throw unsupported_variant("libpqxx", variant);
    }
    tx.commit();
  });
  out.items = options.w3_rows;
  pqxx::nontransaction tx(conn);
  out.checksum = std::stoull(tx.exec1(std::string(sink_checksum_sql))[0].as<std::string>());
  return out;
}

std::vector<post_row> list_posts(pqxx::nontransaction& tx) {
  const pqxx::result r = tx.exec_prepared("list_posts");
  std::vector<post_row> rows;
  rows.reserve(r.size());
  for (const pqxx::row& row : r) {
    rows.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(),
                    row[3].as<std::int32_t>(), row[4].as<bool>()});
  }
  return rows;
}

run_result w4(std::string_view variant, const run_options& options) {
  pqxx::connection conn(options.conninfo);
  conn.prepare("list_posts", std::string(db::detail::list_posts_statement.sql));
  conn.prepare("list_posts_json", std::string(db::detail::list_posts_json_statement.sql));
  pqxx::nontransaction tx(conn);
  (void)list_posts(tx);
  return run_w4_variant(
      "libpqxx", variant, [&] { return tx.exec_prepared1("list_posts_json")[0].as<std::string>(); },
      [&] { return list_posts(tx); });
}

}  // namespace

run_result run_libpqxx(std::string_view variant, const run_options& options) {
  if (variant == "w1") return w1(options);
  if (variant.starts_with("w2_")) return w2(variant, options);
  if (variant.starts_with("w3_")) return w3(variant, options);
  if (variant.starts_with("w4_")) return w4(variant, options);
  throw unsupported_variant("libpqxx", variant);
}

}  // namespace soong::bench
