#pragma once
// Pipeline batches: one statement executed once per item in a single round trip (libpq
// pipeline mode), for the generator's :batchexec, :batchone and :batchmany queries.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "soong/connection.hpp"
#include "soong/detail/field_encoder.hpp"
#include "soong/error.hpp"
#include "soong/execute.hpp"
#include "soong/result.hpp"
#include "soong/statement.hpp"

namespace soong {

namespace detail {

/// The items of a batch as the non-template pipeline code sees them: `encode(self, k)` binds and
/// encodes item k, returning its parameters, which stay valid until the next call. Items are
/// encoded one at a time just before each is sent (libpq copies the values into its output
/// buffer), and again when the items before a failure are re-sent.
struct batch_items {
  std::size_t count = 0;
  param_slots (*encode)(void* self, std::size_t index) = nullptr;
  void* self = nullptr;
};

/// Sends the items through the pipeline, implementing the failure contract of execute_batch.
/// With `results` null each result is freed as soon as it is read; otherwise one is kept per item.
void run_batch(connection& conn, const statement& stmt, const prepared_statement& prepared,
               const batch_items& items, std::vector<result>* results);

/// "InsertUser: batch item 3", the name encoding errors of a batch item are reported under.
[[nodiscard]] std::string batch_item_label(std::string_view query_name, std::size_t index);

/// Every element type of the std::tuple `Tuple` has a codec.
template <class Tuple>
inline constexpr bool tuple_parameters_mapped = false;
template <class... Args>
inline constexpr bool tuple_parameters_mapped<std::tuple<Args...>> = all_parameters_mapped<Args...>;

/// Binds and encodes one item at a time with the same encoder soong::execute uses (parameter
/// type checks, text and bytea borrowed from the bound tuple instead of copied).
template <class Item, class Bind>
class batch_encoder {
 public:
  using args_tuple = bound_tuple_t<Bind, Item>;
  static constexpr std::size_t arity = std::tuple_size_v<args_tuple>;

  batch_encoder(connection& conn, const statement& stmt, const prepared_statement& prepared,
                std::span<const Item> items, Bind& bind)
      : stmt_(stmt), prepared_(prepared), types_(&conn.types()), items_(items), bind_(bind) {}

  [[nodiscard]] batch_items items() noexcept { return {items_.size(), &encode_item, this}; }

 private:
  static param_slots encode_item(void* self, std::size_t index) {
    auto& encoder = *static_cast<batch_encoder*>(self);
    encoder.args_.emplace(encoder.bind_(encoder.items_[index]));
    try {
      return encoder.encode(encoder.stmt_.name);
    } catch (const error&) {
      // Encoding is deterministic: encoding again under a name that says which item it is
      // throws the same error, worded "InsertUser: batch item 3: parameter $2: ...". Only the
      // failing item pays for formatting that name.
      return encoder.encode(batch_item_label(encoder.stmt_.name, index));
    }
  }
  param_slots encode(std::string_view name) {
    pack_.emplace();
    std::apply(
        [&](const auto&... values) {
          pack_->encode(prepared_.param_oids.data(), prepared_.param_wire_oids.data(), types_, name,
                        values...);
        },
        *args_);
    return pack_->slots();
  }

  const statement& stmt_;
  const prepared_statement& prepared_;
  type_registry* types_;
  std::span<const Item> items_;
  Bind& bind_;
  // The current item's bound arguments and encoded parameters: the pack borrows text and
  // bytea from the tuple, so both live until the next item is encoded.
  std::optional<args_tuple> args_;
  std::optional<param_pack<arity>> pack_;
};

template <class Item, class Bind>
void start_batch(connection& conn, const statement& stmt, std::span<const Item> items, Bind& bind,
                 std::vector<result>* results) {
  using args_tuple = bound_tuple_t<Bind, Item>;
  static_assert(tuple_parameters_mapped<args_tuple>,
                "soong: a batch's bind(item) must return a std::tuple of arguments that have a "
                "PostgreSQL mapping (" SOONG_TYPE_MAPPING_ADVICE ")");
  constexpr std::size_t arity = std::tuple_size_v<args_tuple>;
  if (stmt.params.size() != arity) throw_parameter_count(stmt.name, stmt.params.size(), arity);
  if (items.empty()) return;
  const connection_use use(conn, stmt.name);
  const prepared_statement& prepared = prepare(conn, stmt);
  batch_encoder<Item, Bind> encoder(conn, stmt, prepared, items, bind);
  run_batch(conn, stmt, prepared, encoder.items(), results);
}

}  // namespace detail

/// Runs `stmt` once per item in ONE round trip (libpq pipeline mode). `bind(item)` returns a
/// std::tuple of the arguments exactly as `soong::execute(conn, stmt, args...)` would take them;
/// it is called again for the items that are re-sent after a failure, so it must not have side
/// effects. Returns one result per item, in order. If item k fails: items before k are applied
/// (unless the caller wraps the call in a soong::transaction, which then rolls back), items
/// after k are not executed, and the failure's sql_error is thrown: the class its SQLSTATE
/// maps to (soong::unique_violation, ...), as for a single statement, with `batch_index()` = k.
///
/// How: outside a transaction the pipeline runs as one implicit transaction (one commit, as
/// fast as a raw libpq pipeline). When item k fails the server rolls all of it back, so soong
/// sends items 0..k-1 again in a second pipeline and then throws: items before k are applied
/// once, but their non-transactional side effects (sequence values, ...) happen twice. Inside
/// a transaction nothing is re-sent: the transaction is left failed, for the caller to roll
/// back. Each item is encoded just before it is sent; an item that cannot be encoded stops the
/// batch there like a failing item, but throws soong::error and leaves a transaction usable.
template <class Item, class Bind>
[[nodiscard]] std::vector<result> execute_batch(connection& conn, const statement& stmt,
                                                std::span<const Item> items, Bind&& bind) {
  std::vector<result> results;
  detail::start_batch(conn, stmt, items, bind, &results);
  return results;
}

/// execute_batch for statements whose results nobody reads (the generator's :batchexec): the
/// same contract, but each result is freed as soon as it arrives instead of kept until the end.
template <class Item, class Bind>
void execute_batch_without_results(connection& conn, const statement& stmt,
                                   std::span<const Item> items, Bind&& bind) {
  detail::start_batch(conn, stmt, items, bind, nullptr);
}

}  // namespace soong
