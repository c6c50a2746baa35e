#pragma once
// A growable byte buffer with inline storage, for encoding parameters without a heap
// allocation in the common case (a few scalars).

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <type_traits>

namespace soong::detail {

/// `u` converted between host and network (big-endian) byte order.
template <class U>
[[nodiscard]] constexpr U to_from_network_order(U u) noexcept {
  static_assert(std::is_unsigned_v<U>);
  if constexpr (std::endian::native == std::endian::big || sizeof(U) == 1) {
    return u;
  } else if constexpr (sizeof(U) == 2) {
    return __builtin_bswap16(u);
  } else if constexpr (sizeof(U) == 4) {
    return __builtin_bswap32(u);
  } else {
    static_assert(sizeof(U) == 8);
    return __builtin_bswap64(u);
  }
}

// memcpy + byte swap compiles to one load or store and one bswap; GCC 12 did not recognise the
// byte-at-a-time loop this replaced (about 20 instructions per int8, for every value decoded).

/// Writes T in network byte order (big-endian) to `p`.
template <class T>
inline void store_be(char* p, T value) noexcept {
  static_assert(std::is_integral_v<T>);
  using U = std::make_unsigned_t<T>;
  const U u = to_from_network_order(static_cast<U>(value));
  std::memcpy(p, &u, sizeof u);
}

/// Reads a big-endian T from `p` (PQgetvalue bytes are not aligned).
template <class T>
[[nodiscard]] inline T load_be(const char* p) noexcept {
  static_assert(std::is_integral_v<T>);
  using U = std::make_unsigned_t<T>;
  U u;
  std::memcpy(&u, p, sizeof u);
  return static_cast<T>(to_from_network_order(u));
}

/// Bytes with `InlineCapacity` bytes of inline storage, spilling to the heap beyond that.
/// Offsets stay valid across growth; pointers do not (take data() only when done).
class byte_buffer {
 public:
  static constexpr std::size_t inline_capacity = 256;

  byte_buffer() = default;
  byte_buffer(const byte_buffer&) = delete;
  byte_buffer& operator=(const byte_buffer&) = delete;

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] const char* data() const noexcept { return heap_ ? heap_.get() : inline_; }
  [[nodiscard]] char* data() noexcept { return heap_ ? heap_.get() : inline_; }

  void append(const void* bytes, std::size_t n) {
    reserve(size_ + n);
    // The null check is for GCC 12 at -O2, which warns (-Wnonnull) about an empty vector's
    // data() even though n is 0 then.
    if (n != 0 && bytes != nullptr) std::memcpy(data() + size_, bytes, n);
    size_ += n;
  }
  template <class T>
  void append_be(T value) {
    reserve(size_ + sizeof(T));
    store_be(data() + size_, value);
    size_ += sizeof(T);
  }
  /// Overwrites a previously appended big-endian int32 (length prefixes written before the
  /// value's size is known).
  void patch_be32(std::size_t offset, std::int32_t value) noexcept {
    store_be(data() + offset, value);
  }
  void clear() noexcept { size_ = 0; }

 private:
  void reserve(std::size_t wanted) {
    const std::size_t capacity = heap_ ? heap_capacity_ : inline_capacity;
    if (wanted > capacity) [[unlikely]]
      grow(wanted);
  }
  /// Moves the bytes to a heap block of at least `wanted` bytes. Out of line (the runtime
  /// library's): every parameter encoder inlines reserve(), and most never leave the inline
  /// storage.
  void grow(std::size_t wanted);

  char inline_[inline_capacity];
  std::unique_ptr<char[]> heap_;
  std::size_t heap_capacity_ = 0;
  std::size_t size_ = 0;
};

}  // namespace soong::detail
