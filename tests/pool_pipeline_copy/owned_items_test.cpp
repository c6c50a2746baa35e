// Items of generated batch and COPY functions own their text: a loop may build them from
// strings that die at the end of each iteration, and what reaches the server is still what the
// loop computed. With borrowed items (std::string_view, std::span) this sends freed memory;
// under AddressSanitizer it is a heap-use-after-free, without it the rows read back differ.

#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <optional>
#include <soong/soong.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "notes.sql.hpp"
#include "test_server.hpp"

namespace {
namespace db = owned_items::db;

constexpr int item_count = 300;

/// The values of note `i`: long enough to live on the heap (not in a small-string buffer), and
/// different for every `i`, so bytes of a reused allocation would show.
struct note_values {
  std::string body;
  std::string tag;
  std::vector<std::byte> blob;
  std::vector<std::string> labels;
};

note_values make_note(int i) {
  const std::string n = std::to_string(i);
  return {.body = "note " + n + " " + std::string(40, static_cast<char>('a' + i % 26)),
          .tag = "tag " + n + " " + std::string(24, static_cast<char>('A' + i % 26)),
          .blob = std::vector<std::byte>(48, static_cast<std::byte>(i % 251)),
          .labels = {"first label " + n + std::string(20, 'x'), "second " + n}};
}

// The items are built in each function's own loop from a `note_values` that dies at the end of
// the iteration: the container must carry copies, not views.
std::vector<db::copy_notes_params> copy_items() {
  std::vector<db::copy_notes_params> items;
  for (int i = 0; i < item_count; ++i) {
    const note_values v = make_note(i);
    items.push_back({.body = v.body, .tag = v.tag, .blob = v.blob, .labels = v.labels});
  }
  return items;
}

std::vector<db::add_notes_params> batch_items() {
  std::vector<db::add_notes_params> items;
  for (int i = 0; i < item_count; ++i) {
    const note_values v = make_note(i);
    items.push_back({.body = v.body, .tag = v.tag, .blob = v.blob, .labels = v.labels});
  }
  return items;
}

std::vector<db::add_notes_returning_params> returning_items() {
  std::vector<db::add_notes_returning_params> items;
  for (int i = 0; i < item_count; ++i) {
    const note_values v = make_note(i);
    items.push_back({.body = v.body, .tag = v.tag, .blob = v.blob, .labels = v.labels});
  }
  return items;
}

// Every stored note, in insertion order, equals make_note(0..item_count).
void expect_stored_notes(soong::connection& conn) {
  const std::vector<db::note> stored = db::all_notes(conn);
  ASSERT_EQ(stored.size(), static_cast<std::size_t>(item_count));
  for (int i = 0; i < item_count; ++i) {
    const note_values want = make_note(i);
    const db::note& got = stored[static_cast<std::size_t>(i)];
    EXPECT_EQ(got.body, want.body) << "note " << i;
    EXPECT_EQ(got.tag, want.tag) << "note " << i;
    EXPECT_EQ(got.blob, want.blob) << "note " << i;
    ASSERT_TRUE(got.labels) << "note " << i;
    ASSERT_EQ(got.labels->size(), want.labels.size()) << "note " << i;
    for (std::size_t k = 0; k < want.labels.size(); ++k) {
      EXPECT_EQ((*got.labels)[k], want.labels[k]) << "note " << i << " label " << k;
    }
  }
}

// One database for the binary, created from the queries' schema; each test starts empty.
const std::string& notes_database() {
  static const std::string conninfo = [] {
    std::ifstream in(OWNED_ITEMS_SCHEMA);
    std::stringstream schema;
    schema << in.rdbuf();
    if (!in || schema.str().empty()) throw std::runtime_error("cannot read " OWNED_ITEMS_SCHEMA);
    return soong::testing::seeded_database(schema.str());
  }();
  return conninfo;
}

class owned_items : public ::testing::Test {
 protected:
  void SetUp() override { db::clear_notes(conn_); }
  soong::connection conn_{notes_database()};
};

TEST_F(owned_items, copyfrom_items_outlive_the_strings_they_were_built_from) {
  const std::vector<db::copy_notes_params> items = copy_items();
  EXPECT_EQ(db::copy_notes(conn_, items), item_count);
  expect_stored_notes(conn_);
}

TEST_F(owned_items, batchexec_items_outlive_the_strings_they_were_built_from) {
  db::add_notes(conn_, batch_items());
  expect_stored_notes(conn_);
}

TEST_F(owned_items, batchone_items_outlive_the_strings_they_were_built_from) {
  const auto returned = db::add_notes_returning(conn_, returning_items());
  ASSERT_EQ(returned.size(), static_cast<std::size_t>(item_count));
  for (int i = 0; i < item_count; ++i) {
    EXPECT_EQ(returned[static_cast<std::size_t>(i)].body, make_note(i).body) << "note " << i;
  }
  expect_stored_notes(conn_);
}

TEST_F(owned_items, single_text_items_of_batchexec_and_batchmany_are_owned) {
  std::vector<std::string> bodies;
  for (int i = 0; i < item_count; ++i) bodies.push_back(make_note(i).body);
  db::add_bodies(conn_, bodies);

  std::vector<std::string> wanted;
  for (int i = item_count - 1; i >= 0; --i) wanted.push_back(make_note(i).body);
  wanted.emplace_back("no such note " + std::string(40, '-'));
  const auto found = db::notes_with_body(conn_, wanted);
  ASSERT_EQ(found.size(), wanted.size());
  for (std::size_t k = 0; k + 1 < wanted.size(); ++k) {
    ASSERT_EQ(found[k].size(), 1u) << wanted[k];
    EXPECT_EQ(found[k][0].body, wanted[k]);
  }
  EXPECT_TRUE(found.back().empty());
}

}  // namespace
