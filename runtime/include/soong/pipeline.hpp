#pragma once
// Pipeline batches: one statement executed once per item in a single round trip (libpq
// pipeline mode), for the generator's :batchexec, :batchone and :batchmany queries.

#include <cstddef>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "soong/connection.hpp"
#include "soong/detail/field_encoder.hpp"
#include "soong/error.hpp"
#include "soong/execute.hpp"
#include "soong/result.hpp"
#include "soong/statement.hpp"

namespace soong {

/// Item `index()` of a batch failed on the server. Carries that failure's SQLSTATE and fields;
/// what() reads `InsertUser: batch item 3: duplicate key value ... [23505]; ...`.
class batch_error : public sql_error {
 public:
  batch_error(std::string query_name, sql_error_fields fields, std::size_t index);

  /// 0-based index of the failing item in the span given to execute_batch.
  [[nodiscard]] std::size_t index() const noexcept { return index_; }
  [[nodiscard]] const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::size_t index_;
  std::string message_;
};

namespace detail {

/// A batch encoded up front: per item, `stmt.params.size()` length-prefixed fields in `fields`
/// starting at `item_starts[i]`.
struct encoded_batch {
  byte_buffer fields;
  std::vector<std::size_t> item_starts;
};

/// Sends an encoded batch through the pipeline and collects one result per item; implements
/// the failure contract of execute_batch.
[[nodiscard]] std::vector<result> run_batch(connection& conn, const statement& stmt,
                                            const prepared_statement& prepared,
                                            const encoded_batch& batch);

/// Rethrows an encoding failure naming the query, the item and the parameter number.
[[noreturn]] void rethrow_batch_parameter_error(std::string_view query_name, std::size_t item,
                                                int index);

}  // namespace detail

/// Runs `stmt` once per item in ONE round trip (libpq pipeline mode). `bind(item)` returns a
/// std::tuple of the arguments exactly as `soong::execute(conn, stmt, args...)` would take them.
/// Returns one result per item, in order. If item k fails: items before k are applied (unless
/// the caller wraps the call in a soong::transaction, which then rolls back), items after k are
/// not executed, and soong::batch_error (carrying the SQLSTATE and fields of the failure plus
/// `index()` = k) is thrown.
///
/// How: outside a transaction the pipeline runs as one implicit transaction (one commit, as
/// fast as a raw libpq pipeline). When item k fails the server rolls all of it back, so soong
/// sends items 0..k-1 again in a second pipeline and then throws: items before k are applied
/// once, but their non-transactional side effects (sequence values, ...) happen twice. Inside
/// a transaction nothing is re-sent: the transaction is left failed, for the caller to roll
/// back. All items are encoded before anything is sent, so an encoding error runs nothing.
template <class Item, class Bind>
[[nodiscard]] std::vector<result> execute_batch(connection& conn, const statement& stmt,
                                                std::span<const Item> items, Bind&& bind) {
  using args_tuple = detail::bound_tuple_t<Bind, Item>;
  constexpr std::size_t arity = std::tuple_size_v<args_tuple>;
  if (stmt.params.size() != arity) {
    detail::throw_parameter_count(stmt.name, stmt.params.size(), arity);
  }
  if (items.empty()) return {};
  const detail::prepared_statement& prepared = detail::prepare(conn, stmt);
  detail::encoded_batch batch;
  batch.item_starts.reserve(items.size());
  type_registry* types = &conn.types();
  for (const Item& item : items) {
    batch.item_starts.push_back(batch.fields.size());
    const args_tuple args = bind(item);
    std::apply(
        [&](const auto&... values) {
          int index = 0;
          const auto one = [&](const auto& value) {
            try {
              detail::append_field(
                  batch.fields, value,
                  encode_context{prepared.param_oids[static_cast<std::size_t>(index)], types});
            } catch (...) {
              detail::rethrow_batch_parameter_error(stmt.name, batch.item_starts.size() - 1, index);
            }
            ++index;
          };
          (one(values), ...);
        },
        args);
  }
  return detail::run_batch(conn, stmt, prepared, batch);
}

}  // namespace soong
