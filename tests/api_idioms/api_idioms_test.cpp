// The generated API as the README's "everyday code" shows it, compiled and run against
// PostgreSQL: prepare_all, braced lists for array parameters, == on rows, printing through fmt
// and ostream, time points as parameters, batch items built from temporaries with per-item
// results, and doc comments from the SQL and the catalog.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <soong/print.hpp>
#include <soong/soong.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "api_idioms_db.prepare_all.hpp"
#include "books.sql.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {
namespace db = app::db;
using namespace std::chrono;
using ::operator<<;

using soong::testing::read_file;

class api_idioms : public ::testing::Test {
 protected:
  std::string conninfo_ =
      soong::testing::seeded_database(read_file(SOONG_API_IDIOMS_DIR "/schema.sql"));
  soong::connection conn_{conninfo_};

  std::int64_t add(std::string_view title, std::vector<std::string> tags) {
    // One VALUES row with RETURNING: proven to return its id.
    return db::add_book(conn_, {.title = title,
                                .kind = db::book_kind::non_fiction,
                                .tags = tags,
                                .price = soong::numeric("12.50")});
  }
};

TEST_F(api_idioms, every_statement_prepares_up_front) {
  EXPECT_NO_THROW(db::prepare_all(conn_));
  soong::testing::run_sql(conninfo_, "ALTER TABLE books DROP COLUMN price");
  soong::connection fresh(conninfo_);
  try {
    db::prepare_all(fresh);
    FAIL() << "prepare_all passed on a schema without books.price";
  } catch (const soong::prepare_error& e) {
    std::vector<std::string> names;
    for (const auto& f : e.failures()) names.push_back(f.query_name);
    // The reads' _json twins read the column too.
    EXPECT_EQ(names, (std::vector<std::string>{"ListBooks", "ListBooks (json)", "GetBook",
                                               "GetBook (json)", "AddBook"}))
        << e.what();
  }
}

TEST_F(api_idioms, braced_lists_comparison_and_a_read_column_passed_back) {
  const std::int64_t dune = add("Dune", {"sf", "classic"});
  add("Walden", {"essay"});
  const auto rows = db::list_books(conn_, {"sf", "poetry"});
  ASSERT_EQ(rows.size(), 1u);
  const db::list_books_row expected{.id = dune,
                                    .title = "Dune",
                                    .kind = db::book_kind::non_fiction,
                                    .tags = {"sf", "classic"},
                                    .price = soong::numeric("12.50"),
                                    .published_at = sys_days{2026y / June / 1} + 8h};
  EXPECT_EQ(rows[0], expected);
  EXPECT_NE(rows[0], db::list_books_row{});
  // The tags column as read goes back as a parameter without conversion.
  EXPECT_EQ(db::list_books(conn_, rows[0].tags), rows);
}

TEST_F(api_idioms, rows_enums_numbers_and_times_print) {
  const std::int64_t id = add("Dune", {"sf"});
  const auto row = db::get_book(conn_, id);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(fmt::format("{}", row->kind), "non-fiction");
  EXPECT_EQ(fmt::format("{}", row->price.value()), "12.50");
  std::ostringstream out;
  out << row->published_at;
  EXPECT_EQ(out.str(), "2026-06-01T08:00:00+00:00");
  const std::string line = fmt::format("{}", *row);
  EXPECT_TRUE(line.starts_with("get_book_row{id=" + std::to_string(id) + ", title=\"Dune\""))
      << line;
  EXPECT_NE(line.find("kind=non-fiction"), std::string::npos) << line;
}

TEST_F(api_idioms, a_time_point_of_any_precision_is_a_parameter) {
  const std::int64_t id = add("Dune", {"sf"});
  const auto before = time_point_cast<microseconds>(system_clock::now());
  db::touch_book(conn_, {.at = system_clock::now(), .id = id});
  const auto after = time_point_cast<microseconds>(system_clock::now()) + 1us;
  const auto stored = db::get_book(conn_, id).value().published_at;
  EXPECT_GE(stored, before);
  EXPECT_LE(stored, after);
  // Nanoseconds round to the nearest microsecond, as PostgreSQL rounds text input.
  db::touch_book(conn_, {.at = sys_days{2026y / June / 1} + 1'500ns, .id = id});
  EXPECT_EQ(db::get_book(conn_, id).value().published_at, sys_days{2026y / June / 1} + 2us);
}

TEST_F(api_idioms, batch_items_own_their_text_and_report_each_outcome) {
  add("Dune", {"sf"});
  std::vector<std::string> titles;
  for (const std::string line : {"- Emma", "- Dune", "- Ulysses", "- Beloved"}) {
    titles.push_back(line.substr(2));  // a temporary each time: the item owns its copy
  }
  std::vector<std::size_t> duplicates;
  std::size_t applied = 0;
  db::add_books(conn_, titles, [&](const soong::batch_outcome& item) {
    if (item.ok()) {
      ++applied;
      return soong::batch_step::next;
    }
    try {
      item.rethrow_if_failed();
    } catch (const soong::unique_violation&) {
      duplicates.push_back(item.index());
      return soong::batch_step::next;
    }
    return soong::batch_step::stop;
  });
  EXPECT_EQ(duplicates, std::vector<std::size_t>{1});
  EXPECT_EQ(applied, 3u);
  EXPECT_EQ(soong::execute_sql(conn_, "SELECT string_agg(title, ',' ORDER BY id) FROM books")
                .get<std::string>(0, 0),
            "Dune,Emma,Ulysses,Beloved");
}

TEST(api_idioms_docs, comments_from_the_sql_and_the_catalog_reach_the_header) {
  const std::string header = read_file(API_IDIOMS_HEADER);
  EXPECT_NE(header.find("/// Books carrying any of the given tags, in the order they were added."),
            std::string::npos);
  EXPECT_NE(header.find("/// Marks a book as published at a moment."), std::string::npos);
  const std::string schema = read_file(API_IDIOMS_SCHEMA_HEADER);
  EXPECT_NE(schema.find("/// What shelf a book goes on."), std::string::npos);
  EXPECT_NE(schema.find("/// When the book went on sale."), std::string::npos);
}

}  // namespace
