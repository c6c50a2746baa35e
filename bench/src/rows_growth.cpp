// rows_growth: reads n generated rows with soong's generated :many function, into a vector or
// through the row callback (single-row mode), or, for comparison, through a server-side cursor
// fetched 1,000 rows at a time in a transaction, and prints the client's CPU and peak RSS as one
// JSON line:
//
//   rows_growth --conninfo <c> --rows <n> --form vector|stream|cursor
//   → {"rows":n,"checksum":..,"cpu_s":..,"max_rss_kb":..}
//
// bench/growth.py runs it for 10^3..10^7 rows to show how memory grows with the result.

#include <sys/resource.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <iostream>
#include <soong/execute.hpp>
#include <soong/transaction.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "growth_series.sql.hpp"

namespace db = bench::db;

namespace {

std::uint64_t row_sum(const db::series_rows_row& row) {
  return static_cast<std::uint64_t>(row.id) + row.label.size() + (row.flag ? 1 : 0) +
         static_cast<std::uint64_t>(row.ratio);
}

/// The other way to read a large result in constant memory: DECLARE a cursor over the same
/// query and FETCH it in batches, decoding each batch with the generated row reader.
void read_by_cursor(soong::connection& conn, std::int64_t rows,
                    const std::function<void(db::series_rows_row&&)>& on_row) {
  soong::transaction tx(conn);
  (void)soong::execute_sql(conn,
                           "DECLARE growth_rows NO SCROLL CURSOR FOR SELECT i AS id, "
                           "md5(i::text) AS label, i % 7 = 0 AS flag, i / 3.0::float8 AS ratio "
                           "FROM generate_series(1::int8, $1::int8) AS i",
                           rows);
  for (;;) {
    const soong::result batch = soong::execute_sql(conn, "FETCH 1000 FROM growth_rows");
    if (batch.rows() == 0) break;
    for (int i = 0; i < batch.rows(); ++i) on_row(db::detail::read_series_rows_row(batch, i));
  }
  tx.commit();
}

}  // namespace

int main(int argc, char** argv) {
  std::string conninfo;
  std::string form;
  std::int64_t rows = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--conninfo") conninfo = argv[i + 1];
    if (flag == "--rows") rows = std::stoll(argv[i + 1]);
    if (flag == "--form") form = argv[i + 1];
  }
  if (conninfo.empty() || rows <= 0 || (form != "vector" && form != "stream" && form != "cursor")) {
    std::cerr << "usage: rows_growth --conninfo <c> --rows <n> --form vector|stream|cursor\n";
    return 2;
  }
  soong::connection conn(conninfo);
  std::uint64_t checksum = 0;
  std::int64_t seen = 0;
  if (form == "vector") {
    const std::vector<db::series_rows_row> all = db::series_rows(conn, rows);
    for (const auto& row : all) checksum += row_sum(row);
    seen = static_cast<std::int64_t>(all.size());
  } else if (form == "stream") {
    db::series_rows(conn, rows, [&](db::series_rows_row&& row) {
      checksum += row_sum(row);
      ++seen;
    });
  } else {
    read_by_cursor(conn, rows, [&](db::series_rows_row&& row) {
      checksum += row_sum(row);
      ++seen;
    });
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  std::printf("{\"rows\":%lld,\"checksum\":%llu,\"cpu_s\":%.6f,\"max_rss_kb\":%ld}\n",
              static_cast<long long>(seen), static_cast<unsigned long long>(checksum), cpu,
              usage.ru_maxrss);
  return 0;
}
