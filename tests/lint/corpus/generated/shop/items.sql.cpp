// Written by hand in the shape soong generates from shop/items.sql (see items.sql.hpp). Its
// definitions call each other: none of that counts as a use of a query.

#include "shop/items.sql.hpp"

namespace shop::db {

std::optional<get_item_row> get_item(soong::connection& conn, std::int64_t id) {
  const soong::result r = soong::execute_sql(conn, "SELECT id, title, note FROM items WHERE id = $1", id);
  if (r.rows() == 0) return std::nullopt;
  return detail::read_get_item_row(r, 0);
}

std::optional<std::string> get_item_json(soong::connection& conn, std::int64_t id) {
  if (auto row = get_item(conn, id)) return row->title;
  return std::nullopt;
}

std::vector<get_item_row> list_items(soong::connection& conn) {
  std::vector<get_item_row> rows;
  list_items(conn, [&](get_item_row&& row) { rows.push_back(std::move(row)); });
  return rows;
}

void delete_item(soong::connection& conn, std::int64_t id) {
  soong::execute_script(conn, "DELETE FROM items WHERE id = 1");
  (void)id;
}

std::int64_t archive_items(soong::connection& conn) {
  return static_cast<std::int64_t>(
      soong::execute_sql(conn, "UPDATE items SET archived = true").affected_rows());
}

std::optional<std::int64_t> count_items(soong::connection& conn) {
  return soong::execute_sql(conn, "SELECT count(*) FROM items").get<std::int64_t>(0, 0);
}

void rename_item(soong::connection& conn, std::string_view title, std::int64_t id) {
  soong::execute_script(conn, "UPDATE items SET title = 'x'");
  (void)title;
  (void)id;
}

}  // namespace shop::db
