#pragma once
// Pipeline batches with per-item results: each item's outcome (its result, or its error) goes to
// a callback, a failing item does not stop the others, and the callback can stop the batch. The
// generator's `:batchexec`, `:batchone` and `:batchmany` overloads that take `on_item` run here.

#include <concepts>
#include <cstddef>
#include <exception>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

#include "soong/connection.hpp"
#include "soong/error.hpp"
#include "soong/pipeline.hpp"
#include "soong/result.hpp"
#include "soong/statement.hpp"

namespace soong {

/// What a per-item callback wants next.
enum class batch_step {
  next,  ///< go on with the next item
  stop,  ///< end the batch after this item: no later item is applied or reported
};

/// The outcome of one item of a batch: it succeeded, or it failed with `error()`.
class batch_outcome {
 public:
  batch_outcome(std::size_t index, std::exception_ptr failure, const soong::error* error) noexcept
      : index_(index), failure_(std::move(failure)), error_(error) {}

  /// The item's 0-based position in the items given to the batch.
  [[nodiscard]] std::size_t index() const noexcept { return index_; }
  [[nodiscard]] bool ok() const noexcept { return error_ == nullptr; }
  /// The item's error, or null when it succeeded: a soong::sql_error of the class its SQLSTATE
  /// maps to (soong::unique_violation, ...) as for a single statement, with `batch_index()` and a
  /// message naming the query and the item ("AddUsers: batch item 3: ..."); or a soong::error when
  /// the item's parameters could not be encoded. Lives as long as this object.
  [[nodiscard]] const soong::error* error() const noexcept { return error_; }
  /// Throws the item's error with its own type (catch (const soong::unique_violation&) works);
  /// does nothing when the item succeeded.
  void rethrow_if_failed() const {
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  std::size_t index_;
  std::exception_ptr failure_;
  const soong::error* error_;
};

namespace detail {

/// Receives each item's outcome, and its result when it succeeded (`r` is null on failure).
struct batch_item_sink {
  batch_step (*deliver)(void* self, const batch_outcome& outcome, const result* r) = nullptr;
  void* self = nullptr;
};

/// Runs the batch with per-item results (see execute_batch_per_item).
void run_batch_per_item(connection& conn, const statement& stmt, const prepared_statement& prepared,
                        const batch_items& items, const batch_item_sink& sink);

}  // namespace detail

/// A per-item callback taking `Args`: it returns a batch_step, or nothing (batch_step::next).
template <class F, class... Args>
concept batch_callback = std::invocable<F&, Args...> &&
    (std::is_void_v<std::invoke_result_t<F&, Args...>> ||
     std::same_as<std::invoke_result_t<F&, Args...>, batch_step>);

/// Calls a per-item callback and says what it wants next.
template <class F, class... Args>
requires batch_callback<F, Args...> batch_step invoke_batch_callback(F& f, Args&&... args) {
  if constexpr (std::is_void_v<std::invoke_result_t<F&, Args...>>) {
    f(std::forward<Args>(args)...);
    return batch_step::next;
  } else {
    return f(std::forward<Args>(args)...);
  }
}

/// Runs `stmt` once per item in pipeline mode and calls `on_item(outcome, r)` for every item in
/// order, as its result arrives: `r` is the item's result (null when the item failed). A failing
/// item is undone alone and the batch goes on; `on_item` returning batch_step::stop ends it.
///
/// Transaction semantics: the batch runs in one transaction (its own, committed when the call
/// returns, or the caller's soong::transaction) with a savepoint before each item, so:
/// - an item that fails is rolled back to its savepoint; the items before it stay applied and the
///   items after it still run;
/// - on batch_step::stop after item k, the items after k that were already sent are rolled back:
///   no item after k is applied, and on_item is not called for them;
/// - if on_item (or the connection) throws, no item of the batch is applied: its own transaction
///   is rolled back, or the caller's is returned to the state it had before the batch.
/// Each item costs a subtransaction on the server (a SAVEPOINT sent in the same pipeline).
template <class Item, class Bind, class OnItem>
requires std::invocable<OnItem&, const batch_outcome&, const result*>
void execute_batch_per_item(connection& conn, const statement& stmt, std::span<const Item> items,
                            Bind&& bind, OnItem&& on_item) {
  using args_tuple = detail::bound_tuple_t<Bind, Item>;
  static_assert(detail::tuple_parameters_mapped<args_tuple>,
                "soong: a batch's bind(item) must return a std::tuple of arguments that have a "
                "PostgreSQL mapping (" SOONG_TYPE_MAPPING_ADVICE ")");
  constexpr std::size_t arity = std::tuple_size_v<args_tuple>;
  if (stmt.params.size() != arity)
    detail::throw_parameter_count(stmt.name, stmt.params.size(), arity);
  if (items.empty()) return;
  const detail::connection_use use(conn, stmt.name);
  const detail::prepared_statement& prepared = detail::prepare(conn, stmt);
  detail::batch_encoder<Item, std::remove_reference_t<Bind>> encoder(conn, stmt, prepared, items,
                                                                     bind);
  const detail::batch_item_sink sink{[](void* self, const batch_outcome& outcome, const result* r) {
                                       return invoke_batch_callback(
                                           *static_cast<std::remove_reference_t<OnItem>*>(self),
                                           outcome, r);
                                     },
                                     const_cast<void*>(static_cast<const void*>(&on_item))};
  detail::run_batch_per_item(conn, stmt, prepared, encoder.items(), sink);
}

}  // namespace soong
