#pragma once
// How generated CRUD functions run a statement whose columns depend on the call (which fields
// of a patch are set, which filters are given, which columns use their default): the call
// marks each column and binds its value, then runs the statement for that shape. The SQL of a
// shape is built once per connection by crud_sql.hpp from the generator's quoted identifiers,
// and kept in a bounded per-connection cache next to the prepared statements (named or unnamed
// as the connection's statement_cache_mode says, so it works behind poolers like any
// generated statement).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "soong/connection.hpp"
#include "soong/crud.hpp"
#include "soong/crud_sql.hpp"
#include "soong/execute.hpp"
#include "soong/result.hpp"
#include "soong/statement.hpp"

namespace soong {

namespace detail {

/// One table as generated code describes it to the runtime.
struct crud_table {
  std::string_view name;  ///< "public.gizmos": for messages
  crud_sql::table_text text;
  std::span<const type_ref> types;         ///< each column's type
  std::span<const type_ref> array_types;   ///< each column's array type (in(), insert_many)
  std::span<const type_ref> row_types;     ///< the result columns: every column
  std::span<const type_ref> upsert_types;  ///< every column, then bool (inserted)
};

/// Builds the SQL of one shape (a lambda in generated code calling crud_sql).
using crud_sql_builder = std::string (*)(const crud_table& table, std::string_view shape);

/// The statement for `shape` of `function` on `table`, from the connection's bounded cache
/// (built with `build` on a miss). `params` are the parameters' types in `$n` order.
[[nodiscard]] const statement& crud_statement(connection& conn, const crud_table& table,
                                              std::string_view function, std::string_view shape,
                                              std::span<const type_ref> params,
                                              std::span<const type_ref> columns,
                                              crud_sql_builder build);

/// Resolves a parameter's type on `conn`: its OID and the OID its value is encoded as.
void resolve_crud_parameter(connection& conn, const type_ref& type, oid_t& oid, oid_t& wire);

/// One call of a generated CRUD function with a shape of its own.
class crud_call {
 public:
  crud_call(connection& conn, const crud_table& table, std::string_view function,
            std::size_t columns)
      : use_(conn, function),
        conn_(conn),
        table_(table),
        function_(function),
        shape_(columns, crud_sql::mark::none) {}
  crud_call(const crud_call&) = delete;
  crud_call& operator=(const crud_call&) = delete;

  /// Marks `column` without a parameter (is_null).
  void mark(std::size_t column, char mark) { shape_[column] = mark; }
  /// Marks `column` and binds `value` as its next parameter, typed `type`.
  template <class V>
  void bind(std::size_t column, char mark, const type_ref& type, const V& value) {
    shape_[column] = mark;
    bind_extra(type, value);
  }
  /// Adds `columns` more column marks (a second list of the table's columns, e.g. the conflict
  /// update of an upsert); mark and bind them at `columns_before + index`.
  void extend(std::size_t columns) { shape_.append(columns, crud_sql::mark::none); }
  /// Appends `flag` to the shape (a part of the statement beyond the column marks).
  void flag(char flag) { shape_ += flag; }
  /// The shape so far: a mark per column, then flags.
  [[nodiscard]] std::string_view shape() const noexcept { return shape_; }
  /// Binds a parameter that belongs to no marked column (key, version, limit).
  template <class V>
  void bind_extra(const type_ref& type, const V& value) {
    using P = parameter_type_t<V>;
    const int index = static_cast<int>(types_.size());
    oid_t oid = 0;
    oid_t wire = 0;
    resolve_crud_parameter(conn_, type, oid, wire);
    if (!codec<unwrap_optional_t<P>>::accepts(wire)) throw_parameter_type(function_, index, wire);
    types_.push_back(type);
    oids_.push_back(oid);
    lengths_.push_back(0);
    formats_.push_back(1);
    offsets_.push_back(-1);
    values_.push_back(nullptr);
    if constexpr (is_optional<P>) {
      if (!value.has_value()) return;
      encode<unwrap_optional_t<P>>(*value, oid, index);
    } else if constexpr (std::is_same_v<std::remove_cvref_t<V>, P>) {
      encode<P>(value, oid, index);
    } else {
      encode<P>(P(value), oid, index);
    }
  }

  /// Runs the statement of this shape (built by `build` the first time on this connection).
  [[nodiscard]] result run(std::span<const type_ref> columns, crud_sql_builder build) {
    const statement& stmt =
        crud_statement(conn_, table_, function_, shape_, types_, columns, build);
    const prepared_statement& prepared = prepare(conn_, stmt);
    for (std::size_t i = 0; i < values_.size(); ++i) {
      if (offsets_[i] >= 0) values_[i] = buffer_.data() + offsets_[i];
    }
    const param_slots slots{values_.data(), lengths_.data(), formats_.data(),
                            static_cast<int>(values_.size())};
    return run_prepared(conn_, stmt, prepared, slots);
  }

 private:
  template <class P, class Arg>
  void encode(const Arg& value, oid_t target, int index) {
    const auto i = static_cast<std::size_t>(index);
    if constexpr (requires(int& n) { codec<P>::borrow(value, target, n); }) {
      if (const char* p = codec<P>::borrow(value, target, lengths_[i])) {
        values_[i] = p;
        return;
      }
    }
    const std::size_t start = buffer_.size();
    try {
      codec<P>::encode(value, buffer_, encode_context{target, &conn_.types()});
    } catch (...) {
      rethrow_parameter_error(function_, index);
    }
    offsets_[i] = static_cast<std::ptrdiff_t>(start);
    lengths_[i] = static_cast<int>(buffer_.size() - start);
  }

  connection_use use_;
  connection& conn_;
  const crud_table& table_;
  std::string_view function_;
  std::string shape_;
  std::vector<type_ref> types_;
  std::vector<oid_t> oids_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  std::vector<std::ptrdiff_t> offsets_;
  byte_buffer buffer_;
};

/// The type of a LIMIT parameter.
inline constexpr type_ref crud_limit_type{20, "pg_catalog", "int8"};
/// The one column of a `_json` read.
inline constexpr type_ref crud_json_types[] = {{114, "pg_catalog", "json"}};

/// Marks and binds one column's filter: nothing for any, `= $n`, `IS NULL`, `= ANY($n)`.
template <class V>
void bind_filter(crud_call& call, std::size_t column, const type_ref& type,
                 const type_ref& array_type, const filter<V>& f) {
  using kind = typename filter<V>::kind;
  switch (f.what()) {
    case kind::any:
      return;
    case kind::equals:
      call.bind(column, crud_sql::mark::equals, type, f.value());
      return;
    case kind::is_null:
      call.mark(column, crud_sql::mark::is_null);
      return;
    case kind::any_of:
      call.bind(column, crud_sql::mark::any_of, array_type, f.values());
      return;
  }
}

/// Throws soong::error: `function` was given a patch that sets no column.
[[noreturn]] void throw_empty_update(std::string_view function);
/// Throws soong::error: `function` found the row with a newer `column` (optimistic locking)
/// than the one it was given, and wrote nothing.
[[noreturn]] void throw_stale_version(std::string_view function, std::string_view column);
/// Throws soong::error: `function` was given rows that disagree on whether `column` uses its
/// default (one INSERT ... SELECT FROM unnest cannot mix both).
[[noreturn]] void throw_mixed_defaults(std::string_view function, std::string_view column);

}  // namespace detail
}  // namespace soong
