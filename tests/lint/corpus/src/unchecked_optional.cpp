// Seeded unchecked-optional findings (a `:one` result used without a check) and the checked
// forms that must not be reported. lint_test.cpp asserts exact lines; keep them where they are.

#include <cstdint>
#include <soong/soong.hpp>
#include <string>

#include "shop/items.sql.hpp"

namespace shop {

std::string unchecked_arrow(soong::connection& conn) {
  auto row = db::get_item(conn, 1);
  return row->title;
}

std::int64_t unchecked_star(soong::connection& conn) { return *db::count_items(conn); }

std::string unchecked_value(soong::connection& conn) {
  return db::get_item(conn, 2).value().title + *db::get_item_json(conn, 3);
}

std::string checked_in_condition(soong::connection& conn) {
  if (auto row = db::get_item(conn, 4)) return row->title;
  return {};
}

std::string checked_early_return(soong::connection& conn) {
  const auto row = db::get_item(conn, 5);
  if (!row) return {};
  return row->title + (*row).title + row.value().title;
}

std::int64_t checked_has_value(soong::connection& conn) {
  const auto n = db::count_items(conn);
  return n.has_value() ? *n : 0;
}

std::string suppressed(soong::connection& conn) {
  auto row = db::get_item(conn, 6);
  return row->title;  // soong-lint: allow(unchecked-optional) id 6 is seeded by the migration
}

}  // namespace shop
