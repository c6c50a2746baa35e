#pragma once
// float4/float8 as PostgreSQL prints them (float8out/float4out with the default
// extra_float_digits = 1): the shortest digits that read back to the same value, positional
// for decimal exponents -4 to 14 (float4: -4 to 5) and `1e+16` / `1.5e-07` style outside, and
// `NaN`, `Infinity`, `-Infinity`. The JSON writers (quoting the three non-finite words, as the
// server's to_json does) and soong/print.hpp use it.

#include <cstddef>
#include <string>

namespace soong {

[[nodiscard]] std::string to_postgres_text(double v);
[[nodiscard]] std::string to_postgres_text(float v);

namespace detail {
/// Enough for any rendering below (a sign, 17 digits, a point, `e-324`, or a positional form).
inline constexpr std::size_t postgres_float_max_size = 32;
/// Writes the rendering at `out` (postgres_float_max_size bytes); returns its end.
char* write_postgres_float(char* out, double v) noexcept;
char* write_postgres_float(char* out, float v) noexcept;
}  // namespace detail

}  // namespace soong
