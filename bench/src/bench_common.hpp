#pragma once
// What every C++ benchmark client shares: the run options, the W1 id sequence, the W3 rows,
// the checksum rules (the Python clients in bench/python implement the same rules), and the
// measured region (wall clock, getrusage CPU time, callgrind collection toggles).

#include <sys/resource.h>
#include <valgrind/callgrind.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace soong::bench {

/// Sizes and the server, from the command line (bench/run passes them).
struct run_options {
  std::string conninfo;
  std::int64_t users = 100000;  // rows in `users` (the W1 ids are taken modulo this)
  int w1_calls = 20000;         // W1 point selects per run
  int w3_rows = 50000;          // W3 rows inserted per run
};

/// What one client reports for one variant of one workload.
struct run_result {
  double wall_s = 0;
  double cpu_s = 0;
  std::int64_t items = 0;  // queries (W1), rows (W2, W3, W4)
  std::uint64_t checksum = 0;
};

/// The fixed pseudo-random W1 id sequence (Park–Miller "minimal standard" LCG, seed 42), so
/// every client asks for the same ids in the same order without calling random().
class id_sequence {
 public:
  explicit id_sequence(std::int64_t users) : users_(users) {}
  [[nodiscard]] std::int64_t next() {
    state_ = state_ * 48271 % 2147483647;
    return static_cast<std::int64_t>(state_ % static_cast<std::uint64_t>(users_)) + 1;
  }

 private:
  std::uint64_t state_ = 42;
  std::int64_t users_;
};

/// Microseconds from 1970-01-01 UTC to 2000-01-01 UTC (PostgreSQL's binary timestamp epoch).
inline constexpr std::int64_t postgres_epoch_unix_us = 946684800LL * 1000000;
/// 2024-01-01 00:00:00 UTC in Unix microseconds: the base of every generated timestamp.
inline constexpr std::int64_t base_2024_unix_us = 1704067200LL * 1000000;

// Checksums wrap modulo 2^64 (unsigned arithmetic), as the Python clients mask to 64 bits.

/// W1: one user row.
[[nodiscard]] inline std::uint64_t w1_row_sum(std::int64_t id, std::size_t name_length,
                                              std::size_t email_length,
                                              std::int64_t created_unix_us) {
  return static_cast<std::uint64_t>(id) + name_length + email_length +
         static_cast<std::uint64_t>(created_unix_us);
}

/// W2: one 8-column row; `uuid_byte_sum` is the sum of the 16 bytes, a NULL nt counts 7.
[[nodiscard]] inline std::uint64_t w2_row_sum(std::int32_t i4, std::int64_t i8, std::string_view t,
                                              bool b, std::int64_t ts_unix_us,
                                              std::uint64_t uuid_byte_sum, double f8,
                                              const std::string* nt) {
  return static_cast<std::uint64_t>(i4) + static_cast<std::uint64_t>(i8) + t.size() +
         static_cast<unsigned char>(t.empty() ? 0 : t[0]) + (b ? 1U : 0U) +
         static_cast<std::uint64_t>(ts_unix_us) + uuid_byte_sum +
         static_cast<std::uint64_t>(static_cast<std::int64_t>(f8 * 4)) +
         (nt == nullptr ? 7U : nt->size());
}

/// W4: a JSON document's length plus the sum of its bytes. Independent of key order, so
/// PostgreSQL's row_to_json text and a client serialiser's compact output agree as long as
/// they hold the same keys and values.
[[nodiscard]] inline std::uint64_t json_text_sum(std::string_view json) {
  std::uint64_t sum = json.size();
  for (const char c : json) sum += static_cast<unsigned char>(c);
  return sum;
}

/// The W3 row number i (0-based), as every client builds it.
struct sink_item {
  std::int64_t id;
  std::int32_t qty;
  std::string label;
  std::int64_t at_unix_us;
  double price;
};
[[nodiscard]] inline sink_item make_sink_item(int i) {
  return {i + 1, i % 1000, "item-" + std::to_string(i),
          base_2024_unix_us + static_cast<std::int64_t>(i) * 1000000, i * 0.5};
}

/// The W3 checksum query, run after each insert run by every client (not timed).
/// The sum is numeric on the server (no overflow), reduced modulo 2^64 like every checksum.
inline constexpr std::string_view sink_checksum_sql =
    "SELECT ((count(*) + coalesce(sum(id), 0) + coalesce(sum(qty), 0) + "
    "coalesce(sum(length(label)), 0) + coalesce(sum((extract(epoch FROM at) * 1000000)::int8), 0) "
    "+ coalesce(sum((price * 2)::int8), 0)) % 18446744073709551616)::text FROM sink";

/// Runs `body` as the measured region: wall clock, this process's user+system CPU time, and
/// callgrind collection (active only under `valgrind --tool=callgrind --collect-atstart=no
/// --instr-atstart=no`, a no-op otherwise), so instruction counts cover the loop only.
template <class Body>
void measure(run_result& out, Body&& body) {
  rusage before{};
  rusage after{};
  getrusage(RUSAGE_SELF, &before);
  const auto start = std::chrono::steady_clock::now();
  CALLGRIND_START_INSTRUMENTATION;
  CALLGRIND_TOGGLE_COLLECT;
  body();
  CALLGRIND_TOGGLE_COLLECT;
  CALLGRIND_STOP_INSTRUMENTATION;
  const auto stop = std::chrono::steady_clock::now();
  getrusage(RUSAGE_SELF, &after);
  const auto seconds = [](const timeval& tv) { return tv.tv_sec + tv.tv_usec / 1e6; };
  out.wall_s = std::chrono::duration<double>(stop - start).count();
  out.cpu_s = seconds(after.ru_utime) - seconds(before.ru_utime) + seconds(after.ru_stime) -
              seconds(before.ru_stime);
}

}  // namespace soong::bench
