// The cached execution path allocates nothing on the C++ heap per call (libpq's own mallocs
// aside): bench/run compares soong with raw libpq, and allocations are what would show there.
// This binary replaces the global operator new to count allocations while a flag is set.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "runtime_fixture.hpp"

namespace {
std::atomic<bool> counting{false};
std::atomic<int> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
// GCC 12 at -O2 sees malloc inside our operator new and free inside operator delete and
// reports a mismatch (-Wmismatched-new-delete); they are a matching replacement pair.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace {

constexpr soong::type_ref params[] = {{soong::oids::int8, "pg_catalog", "int8"},
                                      {soong::oids::text, "pg_catalog", "text"}};
constexpr soong::type_ref columns[] = {{soong::oids::int8, "pg_catalog", "int8"},
                                       {soong::oids::text, "pg_catalog", "text"},
                                       {soong::oids::float8, "pg_catalog", "float8"}};
constexpr soong::statement point_select{.name = "PointSelect",
                                        .sql = "SELECT $1::int8 + 1, $2::text, 0.5::float8",
                                        .params = params,
                                        .columns = columns};

TEST(hot_path, cached_execute_and_decode_allocate_nothing) {
  soong::connection conn(soong::testing::conninfo());
  const std::string text = "short text";
  (void)soong::execute(conn, point_select, std::int64_t{1}, std::string_view(text));  // prepares

  allocations = 0;
  counting = true;
  std::int64_t sum = 0;
  for (int i = 0; i < 100; ++i) {
    const soong::result r =
        soong::execute(conn, point_select, std::int64_t{i}, std::string_view(text));
    sum += r.get<std::int64_t>(0, 0) + static_cast<std::int64_t>(r.get<double>(0, 2)) +
           static_cast<std::int64_t>(r.get<std::string_view>(0, 1).size());
  }
  counting = false;
  EXPECT_EQ(allocations.load(), 0);
  EXPECT_EQ(sum, 5050 + 100 * 10);

  // Control: the counter does see allocations (a long std::string decoded from the result).
  const soong::result r = soong::execute(conn, point_select, std::int64_t{0},
                                         std::string_view("a value longer than any SSO buffer"));
  counting = true;
  const std::string copy = r.get<std::string>(0, 1);
  counting = false;
  EXPECT_EQ(allocations.load(), 1);
  EXPECT_EQ(copy, "a value longer than any SSO buffer");
}

}  // namespace
