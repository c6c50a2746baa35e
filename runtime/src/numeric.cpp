// soong::numeric and numeric's binary wire format.
//
// Wire format (numeric_send in src/backend/utils/adt/numeric.c): int16 ndigits, int16 weight,
// uint16 sign, int16 dscale, then ndigits base-10000 digits (int16 each). The value is
// sum(digit[i] * 10000^(weight - i)); dscale is the number of decimal digits after the point
// to display. sign 0x0000 positive, 0x4000 negative, 0xC000 NaN, 0xD000 +Infinity, 0xF000
// -Infinity (PostgreSQL 14+). Zero is sent with ndigits 0.

#include "soong/numeric.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include "soong/codec_values.hpp"
#include "soong/error.hpp"

namespace soong {

namespace {

constexpr std::uint16_t sign_positive = 0x0000, sign_negative = 0x4000, sign_nan = 0xC000,
                        sign_pinf = 0xD000, sign_ninf = 0xF000;
constexpr int max_dscale = 0x3FFF;

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

/// A parsed decimal: sign, the digits with the point removed, and the exponent that puts the
/// point back: value = 0.<digits> * 10^point... kept as "digits before the point" = point.
struct decimal {
  enum class kind { finite, nan, pinf, ninf } what = kind::finite;
  bool negative = false;
  std::string digits;       // integer and fraction digits, no point
  std::int64_t point = 0;   // number of digits before the decimal point (may be <0 or >size)
  std::int64_t dscale = 0;  // digits after the point, as written (after the exponent)
};

/// Parses PostgreSQL's numeric input syntax; false when malformed.
bool parse_decimal(std::string_view s, decimal& out) {
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (iequals(s, "nan")) {
    out.what = decimal::kind::nan;
    return true;
  }
  if (iequals(body, "infinity") || iequals(body, "inf")) {
    out.what = negative ? decimal::kind::ninf : decimal::kind::pinf;
    return true;
  }
  out.negative = negative;
  std::size_t i = 0, int_digits = 0, frac_digits = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') {
    out.digits += body[i++];
    ++int_digits;
  }
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') {
      out.digits += body[i++];
      ++frac_digits;
    }
  }
  if (int_digits + frac_digits == 0) return false;
  std::int64_t exponent = 0;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) exp_negative = body[i++] == '-';
    const std::size_t start = i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') {
      exponent = exponent * 10 + (body[i++] - '0');
      if (exponent > 1000000) return false;  // far beyond numeric's range anyway
    }
    if (i == start) return false;
    if (exp_negative) exponent = -exponent;
  }
  if (i != body.size()) return false;
  out.point = static_cast<std::int64_t>(int_digits) + exponent;
  out.dscale = std::max<std::int64_t>(0, static_cast<std::int64_t>(frac_digits) - exponent);
  return true;
}

[[noreturn]] void invalid(std::string_view text) {
  throw error("invalid numeric: \"" + std::string(text) + "\"");
}

}  // namespace

numeric::numeric(std::string_view text) {
  decimal d;
  if (!parse_decimal(text, d)) invalid(text);
  switch (d.what) {
    case decimal::kind::nan:
      text_ = "NaN";
      break;
    case decimal::kind::pinf:
      text_ = "Infinity";
      break;
    case decimal::kind::ninf:
      text_ = "-Infinity";
      break;
    case decimal::kind::finite:
      text_ = std::string(text);
      break;
  }
}

numeric::numeric(std::int64_t value) : text_(std::to_string(value)) {}

bool numeric::is_nan() const noexcept { return text_ == "NaN"; }
bool numeric::is_infinite() const noexcept { return text_ == "Infinity" || text_ == "-Infinity"; }

namespace detail {

void encode_numeric(std::string_view text, byte_buffer& out) {
  decimal d;
  if (!parse_decimal(text, d)) invalid(text);
  const auto header = [&](std::int16_t ndigits, std::int16_t weight, std::uint16_t sign,
                          std::int16_t dscale) {
    out.append_be(ndigits);
    out.append_be(weight);
    out.append_be(sign);
    out.append_be(dscale);
  };
  if (d.what == decimal::kind::nan) return header(0, 0, sign_nan, 0);
  if (d.what == decimal::kind::pinf) return header(0, 0, sign_pinf, 0);
  if (d.what == decimal::kind::ninf) return header(0, 0, sign_ninf, 0);
  if (d.dscale > max_dscale) throw error("numeric scale too large: \"" + std::string(text) + "\"");
  const auto dscale = static_cast<std::int16_t>(d.dscale);

  // Drop leading zeros (each moves the point left) and trailing zeros (dscale keeps them).
  std::string& digits = d.digits;
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return header(0, 0, sign_positive, dscale);
  digits.erase(0, first);
  d.point -= static_cast<std::int64_t>(first);
  digits.erase(digits.find_last_not_of('0') + 1);

  // Align to base-10000 groups around the decimal point: pad on the left so that the number
  // of digits before the point is a multiple of 4, then on the right to whole groups.
  const std::int64_t point_mod = ((d.point % 4) + 4) % 4;
  const std::int64_t pad_left = (4 - point_mod) % 4;
  digits.insert(0, static_cast<std::size_t>(pad_left), '0');
  const std::int64_t point = d.point + pad_left;
  digits.append((4 - digits.size() % 4) % 4, '0');
  const std::int64_t weight = point / 4 - 1;
  const std::size_t ndigits = digits.size() / 4;
  if (weight > INT16_MAX || weight < INT16_MIN || ndigits > INT16_MAX) {
    throw error("numeric out of range: \"" + std::string(text) + "\"");
  }
  header(static_cast<std::int16_t>(ndigits), static_cast<std::int16_t>(weight),
         d.negative ? sign_negative : sign_positive, dscale);
  for (std::size_t g = 0; g < ndigits; ++g) {
    const char* p = digits.data() + g * 4;
    out.append_be(static_cast<std::int16_t>((p[0] - '0') * 1000 + (p[1] - '0') * 100 +
                                            (p[2] - '0') * 10 + (p[3] - '0')));
  }
}

std::string decode_numeric(const char* p, int length, const decode_context& ctx) {
  if (length < 8) throw_decode_error(ctx, "truncated numeric");
  const auto ndigits = load_be<std::int16_t>(p);
  const auto weight = load_be<std::int16_t>(p + 2);
  const auto sign = load_be<std::uint16_t>(p + 4);
  const auto dscale = load_be<std::int16_t>(p + 6);
  if (sign == sign_nan) return "NaN";
  if (sign == sign_pinf) return "Infinity";
  if (sign == sign_ninf) return "-Infinity";
  if (ndigits < 0 || dscale < 0 || length != 8 + 2 * ndigits ||
      (sign != sign_positive && sign != sign_negative)) {
    throw_decode_error(ctx, "malformed numeric");
  }
  // A base-10000 digit outside 0..9999 would render as a group of the wrong width (or as
  // characters that are not digits at all).
  for (int i = 0; i < ndigits; ++i) {
    const auto d = load_be<std::int16_t>(p + 8 + 2 * i);
    if (d < 0 || d > 9999) throw_decode_error(ctx, "malformed numeric: digit out of range");
  }
  const auto digit = [&](int i) -> int {  // base-10000 digit i, zero outside the stored range
    return i >= 0 && i < ndigits ? load_be<std::int16_t>(p + 8 + 2 * i) : 0;
  };
  std::string out;
  if (sign == sign_negative && ndigits > 0) out += '-';
  if (weight < 0) {
    out += '0';
  } else {
    for (int i = 0; i <= weight; ++i) {
      const std::string group = std::to_string(digit(i));
      if (i > 0) out.append(4 - group.size(), '0');
      out += group;
    }
  }
  if (dscale > 0) {
    out += '.';
    int written = 0;
    for (int i = weight + 1; written < dscale; ++i) {
      char group[5];
      const int v = digit(i);
      group[0] = static_cast<char>('0' + v / 1000);
      group[1] = static_cast<char>('0' + v / 100 % 10);
      group[2] = static_cast<char>('0' + v / 10 % 10);
      group[3] = static_cast<char>('0' + v % 10);
      const int take = std::min(4, dscale - written);
      out.append(group, static_cast<std::size_t>(take));
      written += take;
    }
  }
  return out;
}

}  // namespace detail
}  // namespace soong
