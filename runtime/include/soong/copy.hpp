#pragma once
// Binary COPY ... FROM STDIN: bulk insert for the generator's :copyfrom queries.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "soong/connection.hpp"
#include "soong/detail/byte_buffer.hpp"
#include "soong/detail/field_encoder.hpp"
#include "soong/statement.hpp"

namespace soong {

/// Target of a binary COPY FROM STDIN: table and columns; `columns` are the statement's
/// parameter types in order (same type_ref as statement::params).
struct copy_statement {
  std::string_view name;   ///< query name, for errors and the hook
  std::string_view table;  ///< already quoted/qualified SQL, e.g. public.activities
  /// Column names; plain names are quoted by soong, a name starting with `"` is used as is.
  std::span<const std::string_view> column_names;
  std::span<const type_ref> columns;
};

namespace detail {

/// One COPY FROM STDIN in progress. Rows are encoded into one buffer that is sent in chunks
/// of `chunk_size`; the COPY command itself is sent with the first chunk, so user types met
/// while encoding the first rows are looked up while the connection is still idle.
class copy_writer {
 public:
  static constexpr std::size_t chunk_size = 64 * 1024;

  /// Resolves the column types; throws soong::error when names and types differ in number.
  copy_writer(connection& conn, const copy_statement& stmt);
  /// Ends an unfinished COPY with an error, so the server inserts nothing.
  ~copy_writer();
  copy_writer(const copy_writer&) = delete;
  copy_writer& operator=(const copy_writer&) = delete;

  /// The buffer rows are appended to, and the wire type and registry for column `i`.
  [[nodiscard]] byte_buffer& buffer() noexcept { return buffer_; }
  [[nodiscard]] encode_context context(std::size_t column) const noexcept {
    return {column_oids_[column], types_};
  }
  /// Sends the buffer when it holds at least chunk_size bytes.
  void maybe_flush() {
    if (buffer_.size() >= chunk_size) flush();
  }
  /// Appends the trailer, ends the COPY and returns the number of rows the server copied.
  /// Throws sql_error naming the query when the server rejected a row (nothing is inserted).
  std::int64_t finish();
  /// Rethrows an encoding failure naming the query, row and column; the COPY is abandoned.
  [[noreturn]] void rethrow_field_error(std::size_t row, std::size_t column);

 private:
  void flush();
  void abandon(const char* reason) noexcept;

  connection_use use_;  // first: held from before the COPY starts until after it ends
  connection* conn_;
  const copy_statement* stmt_;
  type_registry* types_;
  std::vector<oid_t> column_oids_;
  std::string sql_;
  byte_buffer buffer_;
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace detail

/// Binary COPY of all items in one COPY command; `bind(item)` returns a std::tuple of the
/// column values (same C++ types `execute` accepts). Returns the number of rows copied.
/// COPY is all-or-nothing: on a bad row nothing is inserted and sql_error is thrown (it names
/// the query; COPY's CONTEXT says the line number = item index + 1).
template <class Item, class Bind>
std::int64_t copy_from(connection& conn, const copy_statement& stmt, std::span<const Item> items,
                       Bind&& bind) {
  using args_tuple = detail::bound_tuple_t<Bind, Item>;
  constexpr std::size_t arity = std::tuple_size_v<args_tuple>;
  static_assert(arity > 0 && arity < 32768, "COPY rows need 1..32767 columns");
  if (stmt.columns.size() != arity) {
    detail::throw_parameter_count(stmt.name, stmt.columns.size(), arity);
  }
  if (items.empty()) return 0;
  detail::copy_writer writer(conn, stmt);
  detail::byte_buffer& out = writer.buffer();
  std::size_t row = 0;
  for (const Item& item : items) {
    out.append_be<std::int16_t>(static_cast<std::int16_t>(arity));
    const args_tuple args = bind(item);
    std::apply(
        [&](const auto&... values) {
          std::size_t column = 0;
          const auto one = [&](const auto& value) {
            try {
              detail::append_field(out, value, writer.context(column));
            } catch (...) {
              writer.rethrow_field_error(row, column);
            }
            ++column;
          };
          (one(values), ...);
        },
        args);
    writer.maybe_flush();
    ++row;
  }
  return writer.finish();
}

}  // namespace soong
