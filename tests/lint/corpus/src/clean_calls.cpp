// Clean code: constant SQL only, and every live query of shop/items.sql called once (through a
// using-declaration, the row-callback overload, a function pointer and a `_json` variant).
// soong-lint must report nothing here.

#include <cstdint>
#include <soong/soong.hpp>
#include <string>
#include <string_view>

#include "shop/items.sql.hpp"

namespace shop {

using namespace std::string_view_literals;

constexpr const char* count_sql = "SELECT count(*) FROM items";
constexpr std::string_view vacuum_sql = "VACUUM items";

struct statements {
  static constexpr std::string_view truncate = "TRUNCATE items";
};

void literals(soong::connection& conn, std::int64_t id, bool verbose) {
  (void)soong::execute_sql(conn, "SELECT title FROM items WHERE id = $1", id);
  (void)soong::execute_sql(conn, R"sql(SELECT note
                                       FROM items)sql");
  (void)soong::execute_sql(conn, "SELECT 1"sv);
  (void)soong::execute_sql(conn, count_sql);
  soong::execute_script(conn, vacuum_sql);
  soong::execute_script(conn, statements::truncate);
  soong::execute_script(conn, verbose ? "ANALYZE VERBOSE items" : "ANALYZE items");
  const std::string fixed = "SELECT 2";
  (void)soong::execute_sql(conn, fixed);
}

std::string titles(soong::connection& conn) {
  std::string all;
  db::list_items(conn, [&](db::get_item_row&& row) { all += row.title; });
  return all;
}

std::int64_t total(soong::connection& conn) {
  auto(*count)(soong::connection&)->std::optional<std::int64_t> = &db::count_items;
  const auto n = count(conn);
  return n ? *n : 0;
}

std::string first_json(soong::connection& conn) {
  using db::get_item_json;
  return get_item_json(conn, 1).value_or("{}");
}

template <class Connection>
void remove_first(Connection& conn) {
  db::delete_item(conn, 1);  // a use even though remove_first is never instantiated
}

}  // namespace shop
