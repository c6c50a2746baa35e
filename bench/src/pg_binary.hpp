#pragma once
// Big-endian reads and writes of PostgreSQL's binary wire format, for the hand-written libpq
// clients (the reference soong is measured against, so deliberately minimal).

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

namespace soong::bench {

/// std::byteswap is C++23; this is the C++20 stand-in for 2-, 4- and 8-byte integers.
template <class T>
[[nodiscard]] constexpr T swap_bytes(T value) {
  if constexpr (sizeof(T) == 2) {
    return static_cast<T>(__builtin_bswap16(static_cast<std::uint16_t>(value)));
  } else if constexpr (sizeof(T) == 4) {
    return static_cast<T>(__builtin_bswap32(static_cast<std::uint32_t>(value)));
  } else {
    return static_cast<T>(__builtin_bswap64(static_cast<std::uint64_t>(value)));
  }
}

template <class T>
[[nodiscard]] inline T read_be(const char* p) {
  T value;
  std::memcpy(&value, p, sizeof value);
  if constexpr (std::endian::native == std::endian::little) value = swap_bytes(value);
  return value;
}

[[nodiscard]] inline double read_be_double(const char* p) {
  return std::bit_cast<double>(read_be<std::uint64_t>(p));
}

template <class T>
inline void write_be(char* p, T value) {
  if constexpr (std::endian::native == std::endian::little) value = swap_bytes(value);
  std::memcpy(p, &value, sizeof value);
}

/// Appends a big-endian integer to a COPY buffer.
template <class T>
inline void append_be(std::string& out, T value) {
  char bytes[sizeof(T)];
  write_be(bytes, value);
  out.append(bytes, sizeof bytes);
}

}  // namespace soong::bench
