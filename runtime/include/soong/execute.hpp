#pragma once
// Running statements: soong::execute for generated descriptors (prepared, cached, column types
// checked on every result) and soong::execute_sql for hand-written SQL.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "soong/codec.hpp"
#include "soong/codec_array.hpp"
#include "soong/codec_nested.hpp"
#include "soong/codec_scalar.hpp"
#include "soong/codec_text.hpp"
#include "soong/codec_user_types.hpp"
#include "soong/codec_values.hpp"
#include "soong/connection.hpp"
#include "soong/result.hpp"
#include "soong/statement.hpp"

namespace soong {

namespace detail {

/// The C++ type a parameter argument is encoded as: character pointers and arrays become
/// std::string_view, mutable byte spans become const ones, everything else itself.
template <class Arg>
struct parameter_type {
  using type = std::remove_cvref_t<Arg>;
};
template <std::size_t N>
struct parameter_type<char[N]> {
  using type = std::string_view;
};
template <>
struct parameter_type<const char*> {
  using type = std::string_view;
};
template <>
struct parameter_type<char*> {
  using type = std::string_view;
};
template <>
struct parameter_type<std::span<std::byte>> {
  using type = std::span<const std::byte>;
};
template <class Arg>
using parameter_type_t = typename parameter_type<std::remove_cvref_t<Arg>>::type;

/// Parameter arrays for libpq, filled by param_pack.
struct param_slots {
  const char* const* values = nullptr;
  const int* lengths = nullptr;
  const int* formats = nullptr;
  int count = 0;
};

/// A statement as prepared on one connection.
struct prepared_statement {
  const char* sql = nullptr;           ///< NUL-terminated SQL (the cache key's storage)
  std::string name;                    ///< server-side name; empty: sent unnamed each time
  std::vector<oid_t> param_oids;       ///< resolved parameter types sent to the server
  std::vector<oid_t> param_wire_oids;  ///< what the values must encode as (domain → base type)
  /// The column types every result must have: the Describe of a named statement (verified
  /// against the declared columns), else the declared columns themselves.
  std::vector<oid_t> column_oids;
  std::vector<std::string> column_names;  ///< from Describe, for error messages
  /// False only for an unnamed statement that declares no columns (nothing to compare with).
  bool check_each_result = true;
  const statement* checked_for = nullptr;  ///< descriptor the columns were verified against
};

/// Looks up (or prepares and checks) `stmt` on `conn`.
const prepared_statement& prepare(connection& conn, const statement& stmt);
/// Executes a prepared statement; throws sql_error/connection_error naming the query.
result run_prepared(connection& conn, const statement& stmt, const prepared_statement& prepared,
                    const param_slots& params);
/// Executes raw SQL with PQexecParams (binary parameters and results).
result run_raw(connection& conn, std::string_view sql, const oid_t* types,
               const param_slots& params);
/// Throws soong::error: the C++ argument `index` does not encode as type `oid`.
[[noreturn]] void throw_parameter_type(std::string_view query_name, int index, oid_t oid);
/// Rethrows an encoding failure with the query name and parameter number.
[[noreturn]] void rethrow_parameter_error(std::string_view query_name, int index);

/// Binary parameter values for one execution: inline storage for N parameters, text and bytea
/// borrowed from the caller without copying.
template <std::size_t N>
class param_pack {
 public:
  /// Encodes `args` for `target_oids`; `wire_oids` (the same, with domains replaced by their
  /// base types) are checked against each argument's codec first, so a C++ type that does not
  /// match the parameter's type is an error instead of bytes the server misreads.
  template <class... Args>
  void encode([[maybe_unused]] const oid_t* target_oids, [[maybe_unused]] const oid_t* wire_oids,
              [[maybe_unused]] type_registry* types, [[maybe_unused]] std::string_view query_name,
              const Args&... args) {
    [[maybe_unused]] int index = 0;
    (encode_one(index++, target_oids, wire_oids, types, query_name, args), ...);
    for (std::size_t i = 0; i < N; ++i) {
      if (offsets_[i] >= 0) values_[i] = buffer_.data() + offsets_[i];
    }
  }
  [[nodiscard]] param_slots slots() const noexcept {
    return {values_.data(), lengths_.data(), formats_.data(), static_cast<int>(N)};
  }

 private:
  template <class Arg>
  void encode_one(int index, const oid_t* target_oids, const oid_t* wire_oids, type_registry* types,
                  std::string_view query_name, const Arg& arg) {
    using P = parameter_type_t<Arg>;
    const auto i = static_cast<std::size_t>(index);
    if (!codec<unwrap_optional_t<P>>::accepts(wire_oids[i])) {
      throw_parameter_type(query_name, index, wire_oids[i]);
    }
    formats_[i] = 1;
    offsets_[i] = -1;
    if constexpr (is_optional<P>) {
      if (!arg.has_value()) {
        values_[i] = nullptr;
        lengths_[i] = 0;
        return;
      }
      encode_value<unwrap_optional_t<P>>(i, *arg, target_oids[i], types, query_name);
    } else if constexpr (std::is_same_v<std::remove_cvref_t<Arg>, P>) {
      encode_value<P>(i, arg, target_oids[i], types, query_name);  // no copy: may be borrowed
    } else {
      // A view of the caller's data (char pointer → string_view, span<byte> → const).
      encode_value<P>(i, P(arg), target_oids[i], types, query_name);
    }
  }
  template <class V, class Arg>
  void encode_value(std::size_t i, const Arg& value, oid_t target, type_registry* types,
                    std::string_view query_name) {
    if constexpr (requires(int& n) { codec<V>::borrow(value, target, n); }) {
      if (const char* p = codec<V>::borrow(value, target, lengths_[i])) {
        values_[i] = p;
        return;
      }
    }
    const std::size_t start = buffer_.size();
    try {
      codec<V>::encode(value, buffer_, encode_context{target, types});
    } catch (...) {
      rethrow_parameter_error(query_name, static_cast<int>(i));
    }
    offsets_[i] = static_cast<std::ptrdiff_t>(start);
    lengths_[i] = static_cast<int>(buffer_.size() - start);
  }

  static constexpr std::size_t slots_ = N == 0 ? 1 : N;
  std::array<const char*, slots_> values_{};
  std::array<int, slots_> lengths_{};
  std::array<int, slots_> formats_{};
  std::array<std::ptrdiff_t, slots_> offsets_{};
  byte_buffer buffer_;
};

/// Every argument type has a codec (checked first, so misuse reads as one clear message).
template <class... Args>
inline constexpr bool all_parameters_mapped = (has_codec<parameter_type_t<Args>> && ...);

[[noreturn]] void throw_parameter_count(std::string_view query_name, std::size_t expected,
                                        std::size_t given);

/// A prepared statement run in libpq's single-row mode: each row arrives as a PGresult of its
/// own and is freed when the next one arrives, so memory stays flat however many rows the
/// statement returns. Errors are mapped as soong::execute maps them; one that ends the
/// statement after some rows were delivered is thrown by the next() that meets it. Leaving
/// early (an exception from the caller's row handling) reads and discards the remaining rows,
/// so the connection is ready for its next statement.
class row_stream {
 public:
  row_stream(connection& conn, const statement& stmt, const prepared_statement& prepared,
             const param_slots& params);
  ~row_stream();
  row_stream(const row_stream&) = delete;
  row_stream& operator=(const row_stream&) = delete;

  /// Moves to the next row: false after the last one.
  [[nodiscard]] bool next();
  /// The current row, row 0 of a one-row result. Valid until the next call to next().
  [[nodiscard]] const result& current() const noexcept { return current_; }

 private:
  void send();
  bool finish(PGresult* last);
  void discard_rest() noexcept;
  void report(bool succeeded);

  connection& conn_;
  const statement& stmt_;
  const prepared_statement* prepared_;
  param_slots params_;
  result current_;
  std::int64_t delivered_ = 0;
  bool running_ = false;
  bool retried_ = false;
  std::chrono::steady_clock::time_point started_{};
};

}  // namespace detail

namespace detail {
/// What every generated call checks before it sends: each argument's C++ type maps to a
/// PostgreSQL type (at compile time), and the statement takes that many parameters.
template <class... Args>
void check_call_arguments(const statement& stmt) {
  static_assert(
      all_parameters_mapped<Args...>,
      "soong: no PostgreSQL mapping for a parameter's C++ type (" SOONG_TYPE_MAPPING_ADVICE ")");
  if (stmt.params.size() != sizeof...(Args)) {
    throw_parameter_count(stmt.name, stmt.params.size(), sizeof...(Args));
  }
}
}  // namespace detail

/// Runs a generated statement with binary parameters and results. Prepared once per connection
/// (unless the statement cache mode says otherwise, see statement_cache_mode); every result's
/// column types are checked against `stmt.columns`. Arguments: scalars by value,
/// std::string_view/std::string for text, std::span<const std::byte> or soong::bytea for bytea,
/// std::optional<T> for NULLable.
template <class... Args>
[[nodiscard]] result execute(connection& conn, const statement& stmt, const Args&... args) {
  detail::check_call_arguments<Args...>(stmt);
  const detail::connection_use use(conn, stmt.name);
  const detail::prepared_statement& prepared = detail::prepare(conn, stmt);
  detail::param_pack<sizeof...(Args)> pack;
  pack.encode(prepared.param_oids.data(), prepared.param_wire_oids.data(), &conn.types(), stmt.name,
              args...);
  return detail::run_prepared(conn, stmt, prepared, pack.slots());
}

/// Runs a generated statement as soong::execute does, but in libpq's single-row mode, calling
/// `on_row(Read(r, 0))` for each row as it arrives (`Read`: a generated row reader,
/// `Row Read(const result&, int)`). Memory stays flat whatever the number of rows. When the
/// statement fails after some rows (a division by zero in row 1,000), `on_row` has seen the rows
/// before it and the error is thrown as soong::execute would throw it; the connection stays
/// usable. While it runs, the connection serves nothing else: `on_row` must not use it.
template <auto Read, class OnRow, class... Args>
void stream_rows(connection& conn, const statement& stmt, OnRow&& on_row, const Args&... args) {
  detail::check_call_arguments<Args...>(stmt);
  const detail::connection_use use(conn, stmt.name);
  const detail::prepared_statement& prepared = detail::prepare(conn, stmt);
  detail::param_pack<sizeof...(Args)> pack;
  pack.encode(prepared.param_oids.data(), prepared.param_wire_oids.data(), &conn.types(), stmt.name,
              args...);
  detail::row_stream rows(conn, stmt, prepared, pack.slots());
  while (rows.next()) on_row(Read(rows.current(), 0));
}

/// Runs hand-written SQL (one statement, `$n` parameters). Parameter types come from the C++
/// argument types (int64 → int8, string_view → text, ...). Not cached; results check each
/// column's type on access. The lint flags calls whose SQL is not a string literal: keep SQL
/// out of string building.
template <class... Args>
[[nodiscard]] result execute_sql(connection& conn, std::string_view sql, const Args&... args) {
  static_assert(
      detail::all_parameters_mapped<Args...>,
      "soong: no PostgreSQL mapping for a parameter's C++ type (" SOONG_TYPE_MAPPING_ADVICE ")");
  const detail::connection_use use(conn, "execute_sql");
  type_registry* types = &conn.types();
  [[maybe_unused]] const std::array<oid_t, sizeof...(Args) == 0 ? 1 : sizeof...(Args)> oids{
      codec<unwrap_optional_t<detail::parameter_type_t<Args>>>::type_oid(types)...};
  detail::param_pack<sizeof...(Args)> pack;
  pack.encode(oids.data(), oids.data(), types, "execute_sql", args...);
  return detail::run_raw(conn, sql, oids.data(), pack.slots());
}

/// Runs one or more SQL statements without parameters or results (simple query protocol), e.g.
/// DDL or a migration script, or a manual ROLLBACK. Throws sql_error for the first failing
/// statement.
void execute_script(connection& conn, std::string_view sql);

}  // namespace soong
