// float4/float8 in PostgreSQL's output format, from std::to_chars' shortest round-trip digits
// laid out as the server's shortest-decimal writer lays them out.

#include "soong/float_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace soong {
namespace {

char* write_word(char* out, std::string_view word) noexcept {
  return std::copy(word.begin(), word.end(), out);
}

/// `v` finite. `positional_below` is the first decimal exponent written as `1e+NN` (15 for
/// float8, 6 for float4: DBL_DIG and FLT_DIG); exponents below -4 are too.
template <class Float>
char* write_finite(char* out, Float v, int positional_below) noexcept {
  // Shortest digits in scientific form: [-]d[.ddd]e(+|-)NN.
  char scientific[40];
  const char* const end =
      std::to_chars(scientific, scientific + sizeof scientific, v, std::chars_format::scientific)
          .ptr;
  const char* p = scientific;
  if (*p == '-') *out++ = *p++;
  char digits[24];
  int count = 0;
  for (; *p != 'e'; ++p) {
    if (*p != '.') digits[count++] = *p;
  }
  int exponent = 0;
  std::from_chars(p[1] == '+' ? p + 2 : p + 1, end, exponent);

  if (exponent < -4 || exponent >= positional_below) {
    *out++ = digits[0];
    if (count > 1) {
      *out++ = '.';
      out = std::copy(digits + 1, digits + count, out);
    }
    *out++ = 'e';
    *out++ = exponent < 0 ? '-' : '+';
    const int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10) *out++ = '0';
    return std::to_chars(out, out + 4, magnitude).ptr;
  }
  if (exponent < 0) {
    *out++ = '0';
    *out++ = '.';
    out = std::fill_n(out, -exponent - 1, '0');
    return std::copy(digits, digits + count, out);
  }
  // exponent + 1 digits before the point, zero-filled when the digits run out.
  const int whole = exponent + 1;
  out = std::copy(digits, digits + std::min(count, whole), out);
  if (count < whole) return std::fill_n(out, whole - count, '0');
  if (count > whole) {
    *out++ = '.';
    out = std::copy(digits + whole, digits + count, out);
  }
  return out;
}

template <class Float>
char* write_any(char* out, Float v, int positional_below) noexcept {
  if (std::isnan(v)) return write_word(out, "NaN");
  if (std::isinf(v)) return write_word(out, v > 0 ? "Infinity" : "-Infinity");
  return write_finite(out, v, positional_below);
}

template <class Float>
std::string text_of(Float v) {
  char buffer[detail::postgres_float_max_size];
  return std::string(buffer, detail::write_postgres_float(buffer, v));
}

}  // namespace

namespace detail {
char* write_postgres_float(char* out, double v) noexcept { return write_any(out, v, 15); }
char* write_postgres_float(char* out, float v) noexcept { return write_any(out, v, 6); }
}  // namespace detail

std::string to_postgres_text(double v) { return text_of(v); }
std::string to_postgres_text(float v) { return text_of(v); }

}  // namespace soong
