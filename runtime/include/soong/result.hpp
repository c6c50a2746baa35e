#pragma once
// soong::result: the rows (or command status) of one execution, decoded on access straight
// from libpq's binary values.

#include <libpq-fe.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "soong/codec.hpp"
#include "soong/statement.hpp"

namespace soong {

class row_view;
namespace detail {
class row_stream;
}

/// Owns a PGresult. Rows of a SELECT and of an INSERT/UPDATE/DELETE ... RETURNING look the
/// same. Movable, not copyable.
class result {
 public:
  result() = default;
  /// Takes ownership of `res`. `query_name` must outlive the result (generated descriptors and
  /// literals do). `columns_checked`: the column types were verified against the statement
  /// descriptor, so get<T> skips its own per-call type check.
  result(PGresult* res, std::string_view query_name, bool columns_checked) noexcept
      : res_(res),
        query_name_(query_name),
        columns_checked_(columns_checked),
        rows_(res ? PQntuples(res) : 0),
        columns_(res ? PQnfields(res) : 0) {
    read_column_types();
  }
  result(result&& other) noexcept { take(other); }
  result& operator=(result&& other) noexcept {
    if (this != &other) {
      if (res_ != nullptr) PQclear(res_);
      take(other);
    }
    return *this;
  }
  result(const result&) = delete;
  result& operator=(const result&) = delete;
  ~result() {
    if (res_ != nullptr) PQclear(res_);
  }

  /// Number of rows returned (0 for commands without RETURNING).
  [[nodiscard]] int rows() const noexcept { return rows_; }
  /// Number of result columns.
  [[nodiscard]] int columns() const noexcept { return columns_; }
  /// Rows inserted/updated/deleted/selected/copied, from the command tag (`:execrows`).
  [[nodiscard]] std::uint64_t affected_rows() const noexcept;
  /// The command tag, e.g. `INSERT 0 1`, `UPDATE 3`, `SELECT 2`.
  [[nodiscard]] std::string_view command_tag() const noexcept;
  /// The query's name (or "execute_sql" for raw SQL).
  [[nodiscard]] std::string_view query_name() const noexcept { return query_name_; }
  /// A column's name as the server reports it.
  [[nodiscard]] std::string_view column_name(int column) const noexcept;
  /// The server's type OID of a column (0 for a column the result does not have).
  [[nodiscard]] oid_t column_type(int column) const noexcept {
    // The unsigned comparison sends negative columns to PQftype too, which answers 0.
    return static_cast<unsigned>(column) < static_cast<unsigned>(cached_types)
               ? column_types_[static_cast<std::size_t>(column)]
               : PQftype(res_, column);
  }

  /// Whether the result has exactly `n` columns of the types `expected[0..n)`. A few integer
  /// comparisons over the inline type cache: cheap enough to run on every result.
  [[nodiscard]] bool has_column_types(const oid_t* expected, std::size_t n) const noexcept {
    if (static_cast<std::size_t>(columns_) != n) return false;
    const std::size_t cached = n < cached_types ? n : cached_types;
    for (std::size_t i = 0; i < cached; ++i) {
      if (column_types_[i] != expected[i]) return false;
    }
    for (std::size_t i = cached; i < n; ++i) {
      if (PQftype(res_, static_cast<int>(i)) != expected[i]) return false;
    }
    return true;
  }

  /// Whether a value is NULL.
  [[nodiscard]] bool is_null(int row, int column) const {
    check_position(row, column);
    return PQgetisnull(res_, row, column) != 0;
  }

  /// Decodes one value. T = std::optional<U> yields nullopt for NULL; any other T throws
  /// unexpected_null naming the query and column. Raw-SQL results also check that the column's
  /// type decodes as T (schema_mismatch otherwise).
  template <class T>
  [[nodiscard]] T get(int row, int column) const {
    check_position(row, column);
    return decode<T>(row, column);
  }

  /// Row `i`, for decoding its values column by column (the row number is checked once).
  [[nodiscard]] row_view row(int i) const;

  /// The PGresult, still owned by this object.
  [[nodiscard]] PGresult* native_handle() const noexcept { return res_; }

 private:
  friend class row_view;
  friend class detail::row_stream;

  /// Swaps in the next one-row result of a statement in single-row mode. Every such result
  /// describes the same columns as the first, so the row count and column types stay.
  void take_next_row(PGresult* res) noexcept {
    PQclear(res_);
    res_ = res;
  }

  /// get() after the position check.
  template <class T>
  [[nodiscard]] T decode(int row, int column) const {
    static_assert(has_codec<T>,
                  "soong: no PostgreSQL mapping for this C++ type (" SOONG_TYPE_MAPPING_ADVICE ")");
    using value_type = unwrap_optional_t<T>;
    // One libpq call answers both "NULL?" and "how long?" for nearly every value: NULL reads as
    // length 0, and only an empty text or bytea value shares that length. Each libpq accessor is
    // an exported call with its own bounds checks, and this runs for every value of every row
    // (bench/run's many-rows benchmark), so PQgetisnull is asked only when the length is
    // ambiguous.
    const int length = PQgetlength(res_, row, column);
    if (length == 0 && PQgetisnull(res_, row, column)) {
      if constexpr (is_optional<T>) {
        return std::nullopt;
      } else {
        detail::throw_unexpected_null(decode_context{column_type(column), this, row, column});
      }
    }
    const decode_context ctx{column_type(column), this, row, column};
    if (!columns_checked_ && !codec<value_type>::accepts(ctx.oid)) {
      detail::throw_column_type_mismatch(ctx);
    }
    return codec<value_type>::decode(PQgetvalue(res_, row, column), length, ctx);
  }

  /// Column types are read from libpq once per result for the first `cached_types` columns
  /// (PQftype per value was a third of the accessor overhead in bench/run's many-rows benchmark);
  /// wider results ask libpq for the rest. Inline storage: a cached execute + decode allocates
  /// nothing.
  static constexpr int cached_types = 32;

  void read_column_types() noexcept {
    for (int c = 0; c < columns_ && c < cached_types; ++c) column_types_[c] = PQftype(res_, c);
  }
  void take(result& other) noexcept {
    res_ = std::exchange(other.res_, nullptr);
    query_name_ = other.query_name_;
    columns_checked_ = other.columns_checked_;
    rows_ = std::exchange(other.rows_, 0);
    columns_ = std::exchange(other.columns_, 0);
    column_types_ = std::exchange(other.column_types_, {});
  }
  /// `column` only names the value in the error message.
  void check_row(int row, int column = 0) const {
    if (row < 0 || row >= rows_) [[unlikely]]
      throw_out_of_range(row, column);
  }
  void check_column(int row, int column) const {
    if (column < 0 || column >= columns_) [[unlikely]]
      throw_out_of_range(row, column);
  }
  void check_position(int row, int column) const {
    check_row(row, column);
    check_column(row, column);
  }
  [[noreturn]] void throw_out_of_range(int row, int column) const;

  PGresult* res_ = nullptr;
  std::string_view query_name_;
  bool columns_checked_ = false;
  // PQntuples/PQnfields of res_, read once: every get() checks its position, and calls into
  // libpq cannot be inlined (bench/run measured two calls per decoded value).
  int rows_ = 0;
  int columns_ = 0;
  std::array<oid_t, cached_types> column_types_{};
};

/// One row of a soong::result, as generated row readers decode it: value by value, with the row
/// number checked once (result::get checks both on every call). Valid while the result lives.
class row_view {
 public:
  /// Decodes the value in `column`, with the same NULL and type rules as result::get.
  template <class T>
  [[nodiscard]] T get(int column) const {
    owner_->check_column(row_, column);
    return owner_->decode<T>(row_, column);
  }
  /// The row number within the result.
  [[nodiscard]] int index() const noexcept { return row_; }

 private:
  friend class result;
  row_view(const result& owner, int row) noexcept : owner_(&owner), row_(row) {}

  const result* owner_;
  int row_;
};

inline row_view result::row(int i) const {
  check_row(i);
  return {*this, i};
}

namespace detail {
/// The row numbers of a result as a range whose elements convert to the row `Read` decodes, for
/// std::vector's range constructor (collect_rows). Tagged forward: that constructor counts the
/// rows first (one allocation) and then reads each element once, which is all this supports.
template <auto Read>
class reading_iterator {
 public:
  using row_type = decltype(Read(std::declval<const result&>(), 0));
  /// Converts to the decoded row. Placement new from this builds the row straight in the
  /// vector's storage (GCC elides the move; the conversion runs in the element's place).
  struct in_place {
    const result* r;
    int row;
    operator row_type() const { return Read(*r, row); }  // NOLINT(google-explicit-constructor)
  };
  using iterator_category = std::forward_iterator_tag;
  using value_type = row_type;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = in_place;

  reading_iterator(const result& r, int row) noexcept : r_(&r), row_(row) {}
  in_place operator*() const noexcept { return {r_, row_}; }
  reading_iterator& operator++() noexcept {
    ++row_;
    return *this;
  }
  friend bool operator==(const reading_iterator& a, const reading_iterator& b) noexcept {
    return a.row_ == b.row_;
  }

 private:
  const result* r_;
  int row_;
};
}  // namespace detail

/// Every row of `r`, decoded by `Read` (a generated row reader: `Row Read(const result&, int)`),
/// as a vector. std::vector's range constructor sizes the vector once and builds each row in its
/// storage from reading_iterator's `in_place` handle, which GCC elides into the element (a
/// compiler that does not elide moves the row once; tests/runtime/result_test.cpp counts the
/// moves). No push_back: its reallocation path would be compiled for every row type of every
/// generated file, and is never taken here.
template <auto Read>
[[nodiscard]] auto collect_rows(const result& r) {
  using iterator = detail::reading_iterator<Read>;
  return std::vector<typename iterator::row_type>(iterator(r, 0), iterator(r, r.rows()));
}

}  // namespace soong
