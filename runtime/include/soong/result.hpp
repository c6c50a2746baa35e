#pragma once
// soong::result: the rows (or command status) of one execution, decoded on access straight
// from libpq's binary values.

#include <libpq-fe.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "soong/codec.hpp"
#include "soong/statement.hpp"

namespace soong {

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
        columns_(res ? PQnfields(res) : 0) {}
  result(result&& other) noexcept
      : res_(std::exchange(other.res_, nullptr)),
        query_name_(other.query_name_),
        columns_checked_(other.columns_checked_),
        rows_(std::exchange(other.rows_, 0)),
        columns_(std::exchange(other.columns_, 0)) {}
  result& operator=(result&& other) noexcept {
    if (this != &other) {
      if (res_ != nullptr) PQclear(res_);
      res_ = std::exchange(other.res_, nullptr);
      query_name_ = other.query_name_;
      columns_checked_ = other.columns_checked_;
      rows_ = std::exchange(other.rows_, 0);
      columns_ = std::exchange(other.columns_, 0);
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
  /// The server's type OID of a column.
  [[nodiscard]] oid_t column_type(int column) const noexcept { return PQftype(res_, column); }

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
    static_assert(has_codec<T>,
                  "soong: no PostgreSQL mapping for this C++ type (see the type table in "
                  "DESIGN.md; enums and structs need soong::enum_traits/composite_traits)");
    check_position(row, column);
    const decode_context ctx{PQftype(res_, column), this, row, column};
    using value_type = unwrap_optional_t<T>;
    if (PQgetisnull(res_, row, column)) {
      if constexpr (is_optional<T>) {
        return std::nullopt;
      } else {
        detail::throw_unexpected_null(ctx, {});
      }
    }
    if (!columns_checked_ && !codec<value_type>::accepts(ctx.oid)) {
      detail::throw_decode_error(ctx, "column type " + detail::builtin_type_name(ctx.oid) +
                                          " does not decode as the requested C++ type");
    }
    return codec<value_type>::decode(PQgetvalue(res_, row, column), PQgetlength(res_, row, column),
                                     ctx);
  }

  /// The PGresult, still owned by this object.
  [[nodiscard]] PGresult* native_handle() const noexcept { return res_; }

 private:
  void check_position(int row, int column) const {
    if (row < 0 || column < 0 || row >= rows_ || column >= columns_) {
      throw_out_of_range(row, column);
    }
  }
  [[noreturn]] void throw_out_of_range(int row, int column) const;

  PGresult* res_ = nullptr;
  std::string_view query_name_;
  bool columns_checked_ = false;
  // PQntuples/PQnfields of res_, read once: every get() checks its position, and calls into
  // libpq cannot be inlined (issue 6 bench: two calls per decoded value).
  int rows_ = 0;
  int columns_ = 0;
};

}  // namespace soong
