#pragma once
// Array parameters of generated functions. soong::array_param<T> views the caller's elements
// for the length of one call, so every array-like value passes without conversion: a braced
// list (`{1, 2}`, `{"a", std::nullopt}`), std::vector, std::array, std::span, or exactly what a
// generated row holds for an array column (std::vector<T> or std::vector<std::optional<T>>).
// soong::optional_array_param<T> is the nullable form: also std::nullopt and the row type of a
// nullable array column. Both borrow: the elements must outlive the call, which a temporary in
// the call's own expression does. Batch items own their arrays instead (soong::optional_array).

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "soong/codec.hpp"
#include "soong/codec_array.hpp"

namespace soong {

namespace detail {
/// Whether a stored element S can be sent as an array element of type T: T itself or
/// std::optional<T>, and for text also string views of it.
template <class S, class T>
concept array_element_of = std::same_as<unwrap_optional_t<S>, T> ||
    (std::same_as<T, std::string>&& std::same_as<unwrap_optional_t<S>, std::string_view>);

/// A sized range of elements of T that array_param can view.
template <class R, class T>
concept array_source = std::ranges::sized_range<const R> && std::ranges::input_range<const R> &&
    array_element_of<std::ranges::range_value_t<const R>, T>;
}  // namespace detail

/// A non-owning view of a one-dimensional array parameter with elements of type T.
template <class T>
class array_param {
 public:
  /// The empty array.
  array_param() noexcept = default;
  /// A braced list; std::nullopt elements are NULL.
  array_param(std::initializer_list<std::optional<T>> list) noexcept
      : list_(list.begin(), list.size()), size_(list.size()) {}
  /// Any sized range of T or std::optional<T> (std::vector<bool> included).
  template <class Range>
  requires detail::array_source<Range, T> &&(!std::same_as<std::remove_cvref_t<Range>, array_param>)
      array_param(const Range& range) noexcept  // NOLINT(google-explicit-constructor)
      : range_(&range),
        size_(std::ranges::size(range)),
        encode_(&encode_range<Range>),
        copy_(&copy_range<Range>) {}

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

  /// The elements as values (a copy), for a transport that sends arrays as text (the Data API).
  [[nodiscard]] std::vector<std::optional<T>> elements() const {
    if (range_ == nullptr) return {list_.begin(), list_.end()};
    return copy_(range_);
  }

  /// Appends the array's binary form (array_send) for the target array type of `ctx`.
  void encode(detail::byte_buffer& out, const encode_context& ctx) const {
    if (range_ == nullptr) {
      detail::encode_array<T>(list_, out, ctx);
    } else {
      encode_(range_, out, ctx);
    }
  }

 private:
  using encode_fn = void(const void*, detail::byte_buffer&, const encode_context&);
  template <class Range>
  static void encode_range(const void* range, detail::byte_buffer& out, const encode_context& ctx) {
    detail::encode_array<T>(*static_cast<const Range*>(range), out, ctx);
  }

  using copy_fn = std::vector<std::optional<T>>(const void*);
  template <class Range>
  static std::vector<std::optional<T>> copy_range(const void* range) {
    std::vector<std::optional<T>> out;
    for (const auto& element : *static_cast<const Range*>(range)) {
      if constexpr (is_optional<std::remove_cvref_t<decltype(element)>>) {
        if (element) {
          out.emplace_back(T(*element));
        } else {
          out.emplace_back(std::nullopt);
        }
      } else {
        out.emplace_back(T(element));
      }
    }
    return out;
  }

  std::span<const std::optional<T>> list_{};
  const void* range_ = nullptr;
  std::size_t size_ = 0;
  encode_fn* encode_ = nullptr;
  copy_fn* copy_ = nullptr;
};

/// A nullable array parameter: NULL or an array_param. Like std::optional, `{}` and
/// std::nullopt are NULL; an empty array is an empty container.
template <class T>
class optional_array_param : public std::optional<array_param<T>> {
  using base = std::optional<array_param<T>>;

 public:
  optional_array_param() noexcept = default;
  optional_array_param(std::nullopt_t) noexcept {}  // NOLINT(google-explicit-constructor)
  optional_array_param(std::initializer_list<std::optional<T>> list) noexcept
      : base(std::in_place, list) {}
  template <class Range>
  requires detail::array_source<Range, T> optional_array_param(const Range& range)
  noexcept  // NOLINT(google-explicit-constructor)
      : base(std::in_place, range) {}
  /// The row type of a nullable array column: std::optional of a range.
  template <class Range>
  requires detail::array_source<Range, T> optional_array_param(const std::optional<Range>& range)
  noexcept  // NOLINT
  {
    if (range) this->emplace(*range);
  }
};

/// An owned, nullable array: a batch or COPY item's nullable array column, which unlike
/// std::optional<std::vector<T>> accepts a braced list (`.tags = {"a", "b"}`).
template <class T>
class optional_array : public std::optional<std::vector<T>> {
  using base = std::optional<std::vector<T>>;

 public:
  using base::base;
  optional_array() noexcept = default;
  optional_array(std::initializer_list<T> list) : base(std::in_place, list) {}
  optional_array(std::vector<T> values)  // NOLINT(google-explicit-constructor)
      : base(std::move(values)) {}
  optional_array(std::optional<std::vector<T>> values)  // NOLINT(google-explicit-constructor)
      : base(std::move(values)) {}
};

// Both nullable forms are std::optional as far as parameter encoding is concerned.
template <class T>
inline constexpr bool is_optional<optional_array_param<T>> = true;
template <class T>
struct unwrap_optional<optional_array_param<T>> {
  using type = array_param<T>;
};
template <class T>
inline constexpr bool is_optional<optional_array<T>> = true;
template <class T>
struct unwrap_optional<optional_array<T>> {
  using type = std::vector<T>;
};

/// Array parameters encode through their element's codec; they are never decoded.
template <class T>
struct codec<array_param<T>> {
  static oid_t type_oid(type_registry* types) { return codec<T>::array_oid(types); }
  static bool accepts(oid_t oid) { return codec<std::vector<T>>::accepts(oid); }
  static void encode(const array_param<T>& value, detail::byte_buffer& out,
                     const encode_context& ctx) {
    value.encode(out, ctx);
  }
  static array_param<T> decode(const char*, int, const decode_context& ctx);  // not defined
};

}  // namespace soong
