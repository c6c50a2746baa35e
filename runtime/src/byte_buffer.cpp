#include "soong/detail/byte_buffer.hpp"

namespace soong::detail {

void byte_buffer::grow(std::size_t wanted) {
  const std::size_t capacity = heap_ ? heap_capacity_ : inline_capacity;
  std::size_t grown = capacity * 2;
  if (grown < wanted) grown = wanted;
  auto bigger = std::make_unique_for_overwrite<char[]>(grown);
  std::memcpy(bigger.get(), data(), size_);
  heap_ = std::move(bigger);
  heap_capacity_ = grown;
}

}  // namespace soong::detail
