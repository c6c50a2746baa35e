#pragma once
// The row types the hand-written C++ clients (raw libpq binary and text, libpqxx) decode into,
// their checksums, and W1's measured loop: the same for all three, which differ only in how they
// fetch and decode. soong's client uses its generated structs instead.

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "bench_common.hpp"

namespace soong::bench {

/// W1: one user (GetUser).
struct user_row {
  std::int64_t id;
  std::string name;
  std::string email;
  std::int64_t created_unix_us;
};

/// W1's measured loop: `get_user(id)` returns std::optional<user_row>. Warms up (prepares) first.
template <class GetUser>
run_result run_w1_loop(const run_options& options, GetUser&& get_user) {
  (void)get_user(1);
  run_result out;
  id_sequence ids(options.users);
  measure(out, [&] {
    for (int i = 0; i < options.w1_calls; ++i) {
      const auto user = get_user(ids.next());
      if (!user) throw std::runtime_error("get_user: no row");
      out.checksum +=
          w1_row_sum(user->id, user->name.size(), user->email.size(), user->created_unix_us);
    }
  });
  out.items = options.w1_calls;
  return out;
}

/// W2: one row of `wide`.
struct wide_row {
  std::int32_t i4;
  std::int64_t i8;
  std::string t;
  bool b;
  std::int64_t ts_unix_us;
  std::array<unsigned char, 16> u;
  double f8;
  std::optional<std::string> nt;
};

[[nodiscard]] inline std::uint64_t wide_sum(const wide_row& row) {
  std::uint64_t uuid_sum = 0;
  for (const unsigned char b : row.u) uuid_sum += b;
  return w2_row_sum(row.i4, row.i8, row.t, row.b, row.ts_unix_us, uuid_sum, row.f8,
                    row.nt ? &*row.nt : nullptr);
}

/// W4: one row of ListPosts.
struct post_row {
  std::int64_t id;
  std::string handle;
  std::string message;
  std::int32_t likes;
  bool is_public;
};

}  // namespace soong::bench
