#pragma once
// The vocabulary of the typed CRUD functions generated from the schema (docs/crud.md): what a
// field of `T_new`, `T_patch` and `T_filter` can say, each state spelled out so that none is
// guessed from a value.
//
//   soong::defaulted<V>  INSERT: a value, or soong::use_default (the default state), which
//                        leaves the column out so the database's DEFAULT applies. `false`,
//                        `0` and `""` are values like any other.
//   soong::patch<V>      UPDATE: keep (the default state), or set(v); for a nullable column
//                        (V = std::optional<X>) set(std::nullopt) writes NULL.
//   soong::filter<V>     SELECT: any (the default state), eq(v), in(values), and for a
//                        nullable column is_null().
//   soong::page<K>       keyset page: rows with a key after `after`, at most `limit` of them.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "soong/codec.hpp"

namespace soong {

class connection;

/// Statements for distinct column sets (which fields a patch sets, which filters a select
/// has) a connection keeps; the least recently used one is dropped, and deallocated on the
/// server, when another is needed.
inline constexpr std::size_t crud_statement_cache_capacity = 64;

/// How many column-set statements `conn` holds right now (at most the capacity).
[[nodiscard]] std::size_t cached_crud_statements(connection& conn);

/// The tag of "leave the column out of the INSERT, the DEFAULT applies".
struct use_default_t {
  explicit constexpr use_default_t(int) noexcept {}
};
inline constexpr use_default_t use_default{0};

/// A column with a default, in a `T_new`: either use_default (the default state) or a value.
template <class V>
class defaulted {
 public:
  constexpr defaulted() noexcept = default;
  constexpr defaulted(use_default_t) noexcept {}  // NOLINT: implicit on purpose
  template <class U>
  requires std::constructible_from<V, U&&> &&(!std::same_as<std::remove_cvref_t<U>, defaulted>)&&(
      !std::same_as<std::remove_cvref_t<U>,
                    use_default_t>)constexpr defaulted(U&& value)  // NOLINT: implicit on purpose
      : value_(std::in_place, std::forward<U>(value)) {}

  /// Whether the INSERT leaves the column out.
  [[nodiscard]] constexpr bool uses_default() const noexcept { return !value_.has_value(); }
  /// The value to write; only when !uses_default().
  [[nodiscard]] constexpr const V& value() const { return *value_; }

 private:
  // Engaged: write this value (which, for a nullable column, may itself be std::nullopt).
  std::optional<V> value_;
};

/// What set(v) returns: the value a patch field writes.
template <class V>
struct set_value {
  V value;
};

/// The tag of "leave the column as it is" (the default state of a patch field).
struct keep_t {
  explicit constexpr keep_t(int) noexcept {}
};
inline constexpr keep_t keep{0};

/// Writes `value` in an UPDATE: `.name = soong::set("new name")`, `.bio =
/// soong::set(std::nullopt)`.
template <class V>
[[nodiscard]] constexpr set_value<std::decay_t<V>> set(V&& value) {
  return {std::forward<V>(value)};
}

/// A column in a `T_patch`: keep (the default state) or set to a value. V is the row field's
/// type, so set(std::nullopt) compiles for nullable columns only.
template <class V>
class patch {
 public:
  constexpr patch() noexcept = default;
  constexpr patch(keep_t) noexcept {}  // NOLINT: implicit on purpose
  template <class U>
  requires std::constructible_from<V, U&&>
  constexpr patch(set_value<U> s)  // NOLINT: implicit on purpose
      : value_(std::in_place, std::move(s.value)) {}

  /// Whether the UPDATE writes this column.
  [[nodiscard]] constexpr bool is_set() const noexcept { return value_.has_value(); }
  /// The value to write; only when is_set().
  [[nodiscard]] constexpr const V& value() const { return *value_; }

 private:
  std::optional<V> value_;
};

/// What eq(v) returns.
template <class V>
struct eq_value {
  V value;
};
/// What in(values) returns.
template <class V>
struct in_values {
  std::vector<V> values;
};
/// What is_null() returns.
struct is_null_t {
  explicit constexpr is_null_t(int) noexcept {}
};

/// Rows whose column equals `value`.
template <class V>
[[nodiscard]] constexpr eq_value<std::decay_t<V>> eq(V&& value) {
  return {std::forward<V>(value)};
}
/// Rows whose column is one of `values` (`= ANY($n)`; an empty list matches no row).
template <class V>
[[nodiscard]] in_values<V> in(std::span<const V> values) {
  return {std::vector<V>(values.begin(), values.end())};
}
template <class V>
[[nodiscard]] in_values<V> in(const std::vector<V>& values) {
  return {values};
}
template <class V>
[[nodiscard]] in_values<V> in(std::initializer_list<V> values) {
  return {std::vector<V>(values)};
}
/// Rows whose (nullable) column is NULL.
[[nodiscard]] constexpr is_null_t is_null() noexcept { return is_null_t{0}; }

/// A column in a `T_filter`. V is the row field's type; comparisons use its value type E
/// (V without std::optional), and is_null() compiles for nullable columns only.
template <class V>
class filter {
 public:
  using element_type = unwrap_optional_t<V>;
  enum class kind { any, equals, is_null, any_of };

  constexpr filter() noexcept = default;
  template <class U>
  requires std::constructible_from<element_type, U&&>
  constexpr filter(eq_value<U> e)  // NOLINT: implicit on purpose
      : kind_(kind::equals), value_(std::in_place, std::move(e.value)) {}
  template <class U>
  requires std::constructible_from<element_type, const U&> filter(
      const in_values<U>& in)  // NOLINT: implicit on purpose
      : kind_(kind::any_of), values_(in.values.begin(), in.values.end()) {}
  constexpr filter(is_null_t) noexcept  // NOLINT: implicit on purpose
      requires is_optional<V> : kind_(kind::is_null) {}

  [[nodiscard]] constexpr kind what() const noexcept { return kind_; }
  /// The value of eq().
  [[nodiscard]] constexpr const element_type& value() const { return *value_; }
  /// The values of in().
  [[nodiscard]] const std::vector<element_type>& values() const noexcept { return values_; }

 private:
  kind kind_ = kind::any;
  std::optional<element_type> value_;
  std::vector<element_type> values_;
};

/// One keyset page: rows ordered by primary key, after `after` when set, at most `limit`.
/// Pass the last row's key as `after` to read the next page.
template <class Key>
struct page {
  std::optional<Key> after{};
  std::int64_t limit = 100;
};

/// What upsert_T returns: the row as stored, and whether it was inserted (else it existed and
/// the conflict update applied).
template <class Row>
struct upserted {
  Row row;
  bool inserted = false;
};

}  // namespace soong
