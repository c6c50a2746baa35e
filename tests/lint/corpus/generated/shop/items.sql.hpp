// Written by hand in the shape soong generates from shop/items.sql: the lint corpus must not
// depend on the generator's output changing. Do not edit without updating lint_test.cpp.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soong/soong.hpp>

namespace shop::db {
// GetItem :one

/// A row returned by GetItem.
struct get_item_row {
  std::int64_t id{};
  std::string title{};
  std::optional<std::string> note{};
};

namespace detail {
extern const soong::statement get_item_statement;
extern const soong::statement list_items_statement;
/// Decodes row `i` of a GetItem result.
[[nodiscard]] inline get_item_row read_get_item_row(const soong::result& r, int i) {
  return get_item_row{.id = r.get<std::int64_t>(i, 0),
                      .title = r.get<std::string>(i, 1),
                      .note = r.get<std::optional<std::string>>(i, 2)};
}
}  // namespace detail

/// Runs the query. `GetItem :one`, shop/items.sql:2.
[[nodiscard]] std::optional<get_item_row> get_item(soong::connection& conn, std::int64_t id);

/// The row as a JSON object built by PostgreSQL (row_to_json); empty when there is no row.
/// `GetItem :one`, shop/items.sql:2.
[[nodiscard]] std::optional<std::string> get_item_json(soong::connection& conn, std::int64_t id);

// ListItems :many

/// All rows. `ListItems :many`, shop/items.sql:5.
[[nodiscard]] std::vector<get_item_row> list_items(soong::connection& conn);

/// Calls `on_row` with each row in turn, without collecting them. `ListItems :many`,
/// shop/items.sql:5.
template <class OnRow>
  requires std::invocable<OnRow&, get_item_row&&>
void list_items(soong::connection& conn, OnRow&& on_row) {
  const soong::result r = soong::execute(conn, detail::list_items_statement);
  for (int i = 0; i < r.rows(); ++i) on_row(detail::read_get_item_row(r, i));
}

// DeleteItem :exec

/// Runs the query. `DeleteItem :exec`, shop/items.sql:8.
void delete_item(soong::connection& conn, std::int64_t id);

// ArchiveItems :execrows

/// Runs the query. `ArchiveItems :execrows`, shop/items.sql:13.
[[nodiscard]] std::int64_t archive_items(soong::connection& conn);

// CountItems :one

/// Runs the query. `CountItems :one`, shop/items.sql:16.
[[nodiscard]] std::optional<std::int64_t> count_items(soong::connection& conn);

// RenameItem :exec

/// Runs the query. `RenameItem :exec`, shop/items.sql:19.
void rename_item(soong::connection& conn, std::string_view title, std::int64_t id);

}  // namespace shop::db
