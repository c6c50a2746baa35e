#pragma once
// A growable byte buffer with inline storage, for encoding parameters without a heap
// allocation in the common case (a few scalars).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <type_traits>

namespace soong::detail {

/// Appends T in network byte order (big-endian) to `p`.
template <class T>
inline void store_be(char* p, T value) noexcept {
  static_assert(std::is_integral_v<T>);
  using U = std::make_unsigned_t<T>;
  auto u = static_cast<U>(value);
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    p[sizeof(T) - 1 - i] = static_cast<char>(u & 0xFF);
    u = static_cast<U>(u >> 8);
  }
}

/// Reads a big-endian T from `p` (PQgetvalue bytes are not aligned).
template <class T>
[[nodiscard]] inline T load_be(const char* p) noexcept {
  static_assert(std::is_integral_v<T>);
  using U = std::make_unsigned_t<T>;
  U u = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    u = static_cast<U>((u << 8) | static_cast<unsigned char>(p[i]));
  }
  return static_cast<T>(u);
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
    if (wanted <= capacity) return;
    std::size_t grown = capacity * 2;
    if (grown < wanted) grown = wanted;
    auto bigger = std::make_unique_for_overwrite<char[]>(grown);
    std::memcpy(bigger.get(), data(), size_);
    heap_ = std::move(bigger);
    heap_capacity_ = grown;
  }

  char inline_[inline_capacity];
  std::unique_ptr<char[]> heap_;
  std::size_t heap_capacity_ = 0;
  std::size_t size_ = 0;
};

}  // namespace soong::detail
