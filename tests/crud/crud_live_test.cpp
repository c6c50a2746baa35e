// The typed CRUD functions generated from sql/schema.sql, run against PostgreSQL: the calls of
// docs/crud.md one to one, and one test per trap the generated types exist to avoid.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>
#include <soong/error.hpp>
#include <soong/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "accounts.crud.hpp"
#include "counters.crud.hpp"
#include "driver/inputs.hpp"
#include "driver/pipeline.hpp"
#include "emit/emit_options.hpp"
#include "events.crud.hpp"
#include "gizmo_names.crud.hpp"
#include "gizmos.crud.hpp"
#include "links.crud.hpp"
#include "measurements.crud.hpp"
#include "pgbouncer_server.hpp"
#include "pins.crud.hpp"
#include "test_files.hpp"
#include "test_server.hpp"
#include "wide.crud.hpp"

namespace {
namespace db = crud_test;

// Columns that can never be written are not in T_new, and are in the row.
template <class T>
concept has_id = requires(T t) {
  t.id;
};
template <class T>
concept has_doubled = requires(T t) {
  t.doubled;
};
static_assert(!has_id<db::counters_new> && !has_doubled<db::counters_new>);
static_assert(has_id<db::counters_row> && has_doubled<db::counters_row>);
// A key column is not in T_patch; a NOT NULL column cannot be set to NULL.
static_assert(!has_id<db::gizmos_patch>);
static_assert(
    !std::is_constructible_v<soong::patch<std::string>, soong::set_value<std::nullopt_t>>);
static_assert(std::is_constructible_v<soong::patch<std::optional<std::string>>,
                                      soong::set_value<std::nullopt_t>>);
// is_null() only for nullable columns.
static_assert(!std::is_constructible_v<soong::filter<std::string>, soong::is_null_t>);

std::string schema_path() { return std::string(SOONG_CRUD_DIR) + "/sql/schema.sql"; }

class crud_live : public ::testing::Test {
 protected:
  static std::string database() {
    std::string conninfo = soong::testing::fresh_database();
    soong::testing::run_sql(conninfo, soong::testing::read_file(schema_path()));
    return conninfo;
  }
  std::string conninfo_{database()};
  soong::connection conn{conninfo_};
};

TEST_F(crud_live, the_documented_calls_work_one_to_one) {
  const std::int64_t id =
      db::insert_gizmos(conn, {.name = "Best gizmo ever!", .color = "Bright red"}).id;
  static_cast<void>(db::insert_gizmos(conn, {.id = 42, .name = "Gizmo42", .color = "pink"}));
  const std::optional<db::gizmos_row> got = db::get_gizmos(conn, 42);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->name, "Gizmo42");
  const std::vector<db::gizmos_row> pink = db::select_gizmos(conn, {.color = soong::eq("pink")});
  ASSERT_EQ(pink.size(), 1u);
  EXPECT_EQ(pink[0].id, 42);
  const auto updated =
      db::update_gizmos(conn, 42, {.name = soong::set("Gizmo42: The Next Generation")});
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->name, "Gizmo42: The Next Generation");
  EXPECT_EQ(updated->color, "pink");
  EXPECT_TRUE(db::exists_gizmos(conn, id));
  EXPECT_TRUE(db::delete_gizmos(conn, id).has_value());
  EXPECT_FALSE(db::exists_gizmos(conn, id));
  EXPECT_FALSE(db::get_gizmos(conn, id).has_value());
  EXPECT_FALSE(db::update_gizmos(conn, id, {.name = soong::set("gone")}).has_value());
}

TEST_F(crud_live, json_variants_of_the_reads_are_built_by_postgresql) {
  const db::gizmos_row g = db::insert_gizmos(conn, {.name = "json", .color = "teal"});
  const db::accounts_row a = db::insert_accounts(conn, {.handle = "j"});
  static_cast<void>(db::insert_links(conn, {.gizmo_id = g.id, .account_uuid = a.uuid}));
  const auto one = db::get_gizmos_json(conn, g.id);
  ASSERT_TRUE(one.has_value());
  const auto object = nlohmann::json::parse(*one);
  EXPECT_EQ(object.at("name"), "json");
  EXPECT_EQ(object.at("enabled"), true);
  EXPECT_FALSE(db::get_gizmos_json(conn, g.id + 1000).has_value());
  const auto many =
      nlohmann::json::parse(db::select_gizmos_json(conn, {.color = soong::eq("teal")}));
  ASSERT_EQ(many.size(), 1u);
  EXPECT_EQ(many[0].at("id"), g.id);
  EXPECT_EQ(db::select_gizmos_json(conn, {.color = soong::eq("none")}), "[]");
  EXPECT_EQ(nlohmann::json::parse(*db::get_accounts_by_handle_json(conn, "j")).at("handle"), "j");
  EXPECT_EQ(nlohmann::json::parse(db::list_links_by_gizmo_id_json(conn, g.id)).size(), 1u);
}

TEST_F(crud_live, a_default_true_boolean_can_be_false_or_left_to_its_default) {
  const db::gizmos_row off = db::insert_gizmos(conn, {.name = "off", .enabled = false});
  const db::gizmos_row on = db::insert_gizmos(conn, {.name = "default"});
  const db::gizmos_row explicit_default =
      db::insert_gizmos(conn, {.name = "explicit", .enabled = soong::use_default});
  EXPECT_FALSE(off.enabled);
  EXPECT_FALSE(db::get_gizmos(conn, off.id)->enabled);
  EXPECT_TRUE(on.enabled);
  EXPECT_TRUE(explicit_default.enabled);
  // And a patch sets it to false as well.
  EXPECT_FALSE(db::update_gizmos(conn, on.id, {.enabled = soong::set(false)})->enabled);
}

TEST_F(crud_live, uuid_and_timestamp_defaults_apply_when_left_out) {
  const db::accounts_row a = db::insert_accounts(conn, {.handle = "andrew"});
  EXPECT_NE(a.uuid, soong::uuid{});
  EXPECT_GT(a.created_at.time_since_epoch().count(), 0);
  EXPECT_EQ(a.lock_version, 0);
  const auto by_handle = db::get_accounts_by_handle(conn, "andrew");
  ASSERT_TRUE(by_handle.has_value());
  EXPECT_EQ(by_handle->uuid, a.uuid);
  EXPECT_FALSE(db::get_accounts_by_handle(conn, "nobody").has_value());
}

TEST_F(crud_live, set_nullopt_clears_and_keep_keeps) {
  const db::gizmos_row g = db::insert_gizmos(conn, {.name = "g", .color = "red"});
  const auto renamed = db::update_gizmos(conn, g.id, {.name = soong::set("h")});
  ASSERT_TRUE(renamed.has_value());
  EXPECT_EQ(renamed->color, "red");  // kept, not written as NULL
  const auto cleared = db::update_gizmos(conn, g.id, {.color = soong::set(std::nullopt)});
  ASSERT_TRUE(cleared.has_value());
  EXPECT_FALSE(cleared->color.has_value());  // cleared, not kept as COALESCE would
  EXPECT_EQ(cleared->name, "h");
  EXPECT_FALSE(db::get_gizmos(conn, g.id)->color.has_value());
  // A nullable column inserted with nullopt is NULL.
  EXPECT_FALSE(db::insert_gizmos(conn, {.name = "n", .color = std::nullopt}).color.has_value());
}

TEST_F(crud_live, an_empty_patch_is_an_error_naming_the_function) {
  const db::gizmos_row g = db::insert_gizmos(conn, {.name = "g"});
  try {
    static_cast<void>(db::update_gizmos(conn, g.id, {}));
    FAIL() << "an empty patch ran";
  } catch (const soong::error& e) {
    EXPECT_NE(std::string(e.what()).find("update_gizmos: empty update"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(db::get_gizmos(conn, g.id)->name, "g");
}

TEST_F(crud_live, composite_keys_address_one_row) {
  const db::gizmos_row g = db::insert_gizmos(conn, {.name = "g"});
  const db::accounts_row a = db::insert_accounts(conn, {.handle = "a"});
  const db::accounts_row b = db::insert_accounts(conn, {.handle = "b"});
  static_cast<void>(db::insert_links(conn, {.gizmo_id = g.id, .account_uuid = a.uuid}));
  static_cast<void>(
      db::insert_links(conn, {.gizmo_id = g.id, .account_uuid = b.uuid, .note = "b's"}));
  const db::links_key key{.gizmo_id = g.id, .account_uuid = b.uuid};
  ASSERT_TRUE(db::get_links(conn, key).has_value());
  EXPECT_EQ(db::get_links(conn, key)->note, "b's");
  EXPECT_EQ(db::update_links(conn, key, {.note = soong::set("new")})->note, "new");
  EXPECT_FALSE(db::get_links(conn, {.gizmo_id = g.id, .account_uuid = a.uuid})->note.has_value());
  EXPECT_EQ(db::list_links_by_gizmo_id(conn, g.id).size(), 2u);
  EXPECT_TRUE(db::delete_links(conn, key).has_value());
  EXPECT_FALSE(db::exists_links(conn, key));
  EXPECT_TRUE(db::exists_links(conn, {.gizmo_id = g.id, .account_uuid = a.uuid}));
}

TEST_F(crud_live, a_foreign_key_list_binds_its_columns_in_table_order) {
  // pins has x before y, and FOREIGN KEY (y, x): both integers, so values bound in key order
  // would compile and match the mirrored cell instead.
  soong::testing::run_sql(conninfo_, "INSERT INTO cells (x, y) VALUES (1, 2), (2, 1)");
  static_cast<void>(db::insert_pins(conn, {.id = 1, .x = 1, .y = 2}));
  static_cast<void>(db::insert_pins(conn, {.id = 2, .x = 2, .y = 1}));
  static_cast<void>(db::insert_pins(conn, {.id = 3, .x = 1, .y = 2}));
  const auto ids = [](const std::vector<db::pins_row>& rows) {
    std::vector<std::int32_t> out;
    for (const db::pins_row& r : rows) out.push_back(r.id);
    return out;
  };
  EXPECT_EQ(ids(db::list_pins_by_y_x(conn, /*y=*/2, /*x=*/1)), (std::vector<std::int32_t>{1, 3}));
  EXPECT_EQ(ids(db::list_pins_by_y_x(conn, /*y=*/1, /*x=*/2)), (std::vector<std::int32_t>{2}));
  EXPECT_EQ(ids(db::list_pins_by_y_x(conn, /*y=*/2, /*x=*/1, {.after = 1, .limit = 10})),
            (std::vector<std::int32_t>{3}));
  const auto json = nlohmann::json::parse(db::list_pins_by_y_x_json(conn, /*y=*/1, /*x=*/2));
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0].at("id"), 2);
}

TEST_F(crud_live, identity_always_and_generated_columns_come_back_in_the_row) {
  const db::counters_row c = db::insert_counters(conn, {.n = 21});
  EXPECT_GT(c.id, 0);
  EXPECT_EQ(c.doubled, 42);
  const auto patched = db::update_counters(conn, c.id, {.n = soong::set(5)});
  ASSERT_TRUE(patched.has_value());
  EXPECT_EQ(patched->doubled, 10);
}

TEST_F(crud_live, filters_and_keyset_pages) {
  for (int i = 1; i <= 5; ++i) {
    static_cast<void>(db::insert_gizmos(
        conn,
        {.id = i,
         .name = "g" + std::to_string(i),
         .color = i % 2 == 0 ? std::optional<std::string>() : std::optional<std::string>("red")}));
  }
  EXPECT_EQ(db::select_gizmos(conn, {.color = soong::is_null()}).size(), 2u);
  const std::vector<std::int64_t> wanted{1, 4, 5};
  const auto some = db::select_gizmos(conn, {.id = soong::in(wanted)});
  ASSERT_EQ(some.size(), 3u);
  EXPECT_EQ(some[1].id, 4);
  EXPECT_EQ(db::select_gizmos(conn, {.id = soong::in(std::vector<std::int64_t>{})}).size(), 0u);
  EXPECT_EQ(db::select_gizmos(conn, {.name = soong::eq("g3"), .color = soong::eq("red")}).size(),
            1u);
  const auto first = db::select_gizmos(conn, {}, {.limit = 2});
  ASSERT_EQ(first.size(), 2u);
  const auto second = db::select_gizmos(conn, {}, {.after = first.back().id, .limit = 2});
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].id, 3);
  EXPECT_EQ(second[1].id, 4);
}

TEST_F(crud_live, insert_many_is_one_statement_and_refuses_mixed_defaults) {
  int statements = 0;
  conn.set_statement_hook([&](const soong::statement_event&) { ++statements; });
  const std::vector<db::gizmos_new> rows{{.name = "a", .enabled = false},
                                         {.name = "b", .color = "blue", .enabled = true}};
  const auto inserted = db::insert_gizmos_many(conn, rows);
  EXPECT_EQ(statements, 1);
  ASSERT_EQ(inserted.size(), 2u);
  EXPECT_FALSE(inserted[0].enabled);
  EXPECT_EQ(inserted[1].color, "blue");
  const std::vector<db::gizmos_new> mixed{{.name = "c", .enabled = false}, {.name = "d"}};
  EXPECT_THROW(static_cast<void>(db::insert_gizmos_many(conn, mixed)), soong::error);
}

TEST_F(crud_live, upsert_reports_inserted_to_exactly_one_of_many_concurrent_callers) {
  constexpr int threads = 8;
  std::atomic<int> inserted{0};
  std::atomic<int> updated{0};
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) {
    workers.emplace_back([&, i] {
      soong::connection own(conninfo_);
      const auto r = db::upsert_gizmos(own, {.id = 1000, .name = "first"},
                                       {.name = soong::set("by " + std::to_string(i))});
      (r.inserted ? inserted : updated)++;
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(inserted.load(), 1);
  EXPECT_EQ(updated.load(), threads - 1);
  // Nothing set on conflict: the row comes back unchanged.
  const auto again = db::upsert_gizmos(conn, {.id = 1000, .name = "ignored"});
  EXPECT_FALSE(again.inserted);
  EXPECT_NE(again.row.name, "ignored");
}

TEST_F(crud_live, a_version_column_makes_a_stale_update_miss) {
  const db::accounts_row a = db::insert_accounts(conn, {.handle = "v"});
  const auto first = db::update_accounts(conn, a.uuid, {.bio = soong::set("one")}, 0);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->lock_version, 1);
  EXPECT_FALSE(db::update_accounts(conn, a.uuid, {.bio = soong::set("stale")}, 0).has_value());
  EXPECT_EQ(db::get_accounts(conn, a.uuid)->bio, "one");
}

TEST_F(crud_live, every_update_of_a_locked_table_bumps_its_version) {
  const db::accounts_row a = db::insert_accounts(conn, {.handle = "bump"});
  ASSERT_EQ(a.lock_version, 0);
  // Each update, whichever columns it sets, increments the version once.
  EXPECT_EQ(db::update_accounts(conn, a.uuid, {.bio = soong::set("one")}, 0)->lock_version, 1);
  EXPECT_EQ(db::update_accounts(conn, a.uuid, {.handle = soong::set("b2")}, 1)->lock_version, 2);
  EXPECT_EQ(db::update_accounts(conn, a.uuid, {.bio = soong::set(std::nullopt)}, 2)->lock_version,
            3);
  EXPECT_EQ(db::get_accounts(conn, a.uuid)->lock_version, 3);
}

TEST_F(crud_live, upsert_of_a_locked_table_bumps_on_conflict_and_refuses_a_stale_version) {
  // No conflict: inserted with the version given (here the column's default, 0).
  const auto inserted = db::upsert_accounts(conn, {.handle = "u"});
  ASSERT_TRUE(inserted.inserted);
  EXPECT_EQ(inserted.row.lock_version, 0);
  const auto id = inserted.row.uuid;

  // A conflict with the version read: the set fields are written and the version bumped.
  const auto updated = db::upsert_accounts(conn, {.uuid = id, .handle = "u", .lock_version = 0},
                                           {.bio = soong::set("fresh")});
  EXPECT_FALSE(updated.inserted);
  EXPECT_EQ(updated.row.lock_version, 1);
  EXPECT_EQ(updated.row.bio, "fresh");
  // Nothing set on conflict still counts as a write of the row: bumped.
  const auto touched = db::upsert_accounts(conn, {.uuid = id, .handle = "u", .lock_version = 1});
  EXPECT_FALSE(touched.inserted);
  EXPECT_EQ(touched.row.lock_version, 2);

  // A stale version (read before the last write) writes nothing and throws, naming the function.
  try {
    static_cast<void>(db::upsert_accounts(conn, {.uuid = id, .handle = "u", .lock_version = 1},
                                          {.bio = soong::set("stale")}));
    ADD_FAILURE() << "a stale upsert must throw";
  } catch (const soong::error& e) {
    EXPECT_NE(std::string(e.what()).find("upsert_accounts: stale version"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("lock_version"), std::string::npos) << e.what();
  }
  const auto stored = db::get_accounts(conn, id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->bio, "fresh");
  EXPECT_EQ(stored->lock_version, 2);
}

TEST_F(crud_live, hostile_strings_round_trip_through_every_write_and_the_filter) {
  const std::vector<std::string> hostile = {
      "O'Brien said \"hi\"; DROP TABLE gizmos; --",
      "$$ dollar $tag$ quoted $tag$ $1 $2",
      "back\\slash \\n \\x00 \\\\",
      "Unicode: \u00fc \u65e5\u672c \U0001F389 \u202e reversed \u200b",
      "percent % underscore _ and E'\\047'",
      std::string(1 << 20, 'x') + "\u00e9"};
  for (const std::string& text : hostile) {
    const std::string label = text.substr(0, 24);
    const db::gizmos_row inserted = db::insert_gizmos(conn, {.name = text, .color = text});
    EXPECT_EQ(inserted.name, text) << label;
    EXPECT_EQ(inserted.color, text) << label;
    const auto found = db::select_gizmos(conn, {.name = soong::eq(text)}, {.limit = 10});
    ASSERT_EQ(found.size(), 1u) << label;
    EXPECT_EQ(found.front().id, inserted.id) << label;
    EXPECT_EQ(db::select_gizmos(conn, {.color = soong::in(std::vector<std::string>{text, "o"})},
                                {.limit = 10})
                  .size(),
              1u)
        << label;
    const auto updated =
        db::update_gizmos(conn, inserted.id, {.name = soong::set(text + text.substr(0, 3))});
    ASSERT_TRUE(updated.has_value()) << label;
    EXPECT_EQ(updated->name, text + text.substr(0, 3)) << label;
    const auto upserted =
        db::upsert_gizmos(conn, {.id = inserted.id, .name = "unused"}, {.color = soong::set(text)});
    EXPECT_FALSE(upserted.inserted) << label;
    EXPECT_EQ(upserted.row.color, text) << label;
    EXPECT_EQ(db::get_gizmos(conn, inserted.id)->color, text) << label;
    EXPECT_TRUE(db::delete_gizmos(conn, inserted.id).has_value()) << label;
  }

  // Several at once through insert_many, read back byte for byte.
  const std::vector<db::gizmos_new> many{{.name = hostile[0], .color = hostile[5]},
                                         {.name = hostile[5], .color = hostile[2]},
                                         {.name = hostile[1], .color = hostile[3]}};
  const auto inserted_many = db::insert_gizmos_many(conn, many);
  ASSERT_EQ(inserted_many.size(), many.size());
  for (std::size_t i = 0; i < many.size(); ++i) {
    const auto read = db::get_gizmos(conn, inserted_many[i].id);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->name, many[i].name) << i;
    EXPECT_EQ(read->color, many[i].color) << i;
    EXPECT_TRUE(db::delete_gizmos(conn, inserted_many[i].id).has_value());
  }

  // A NUL cannot be stored in text, and bytes that are not UTF-8 are not text: PostgreSQL
  // refuses both (22021), the error names the function, and nothing is written.
  const std::vector<std::string> refused = {
      std::string("before\0after", 12),
      "bad \xC3\x28 pair",                          // a lead byte without its continuation
      "lone \xFF\xFE bytes",                        // never valid in UTF-8
      "overlong \xC0\xAF slash",                    // an overlong '/'
      "surrogate \xED\xA0\x80 half",                // a UTF-16 surrogate
      std::string(1 << 20, 'y') + "cut \xE2\x82"};  // a sequence cut at the end of 1 MB
  const db::gizmos_row kept = db::insert_gizmos(conn, {.name = "kept", .color = "kept"});
  for (const std::string& bad : refused) {
    const std::string label = bad.substr(0, 12);
    const auto expect_refused = [&](const std::function<void()>& call,
                                    const std::string& function) {
      try {
        call();
        ADD_FAILURE() << function << " stored " << label;
      } catch (const soong::sql_error& e) {
        EXPECT_EQ(e.sqlstate(), "22021") << function << ": " << e.what();
        EXPECT_NE(std::string(e.what()).find(function), std::string::npos) << e.what();
      }
    };
    expect_refused([&] { static_cast<void>(db::insert_gizmos(conn, {.name = bad})); },
                   "insert_gizmos");
    expect_refused(
        [&] {
          static_cast<void>(db::insert_gizmos_many(
              conn, std::vector<db::gizmos_new>{{.name = "fine"}, {.name = bad}}));
        },
        "insert_gizmos_many");
    expect_refused(
        [&] { static_cast<void>(db::update_gizmos(conn, kept.id, {.name = soong::set(bad)})); },
        "update_gizmos");
    expect_refused(
        [&] {
          static_cast<void>(
              db::upsert_gizmos(conn, {.id = kept.id, .name = "x"}, {.color = soong::set(bad)}));
        },
        "upsert_gizmos");
    expect_refused(
        [&] { static_cast<void>(db::select_gizmos(conn, {.name = soong::eq(bad)}, {.limit = 1})); },
        "select_gizmos");
  }
  const auto all = db::select_gizmos(conn, {}, {.limit = 10});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all.front().name, "kept");
  EXPECT_EQ(all.front().color, "kept");
}

TEST_F(crud_live, partitioned_tables_and_tables_without_a_key) {
  const db::measurements_row m = db::insert_measurements(
      conn,
      {.id = 1,
       .day = soong::date{std::chrono::sys_days{std::chrono::year{2030} / std::chrono::March / 1}},
       .value = 2.5});
  EXPECT_EQ(db::get_measurements(conn, {.id = 1, .day = m.day})->value, 2.5);
  static_cast<void>(db::insert_events(conn, {.what = "boot"}));
  static_cast<void>(db::insert_gizmos(conn, {.name = "viewed"}));
  const auto viewed = db::select_gizmo_names(conn, {.name = soong::eq("viewed")});
  ASSERT_EQ(viewed.size(), 1u);
  EXPECT_EQ(viewed[0].name, "viewed");
  EXPECT_EQ(db::select_events(conn, {.what = soong::eq("boot")}).size(), 1u);
}

TEST_F(crud_live, the_statement_cache_for_column_sets_stays_bounded) {
  static_cast<void>(db::insert_wide(conn, {.id = 1}));
  const auto prepared_on_server = [&] {
    PGresult* r = PQexec(conn.native_handle(), "SELECT count(*) FROM pg_prepared_statements");
    const int n = std::stoi(PQgetvalue(r, 0, 0));
    PQclear(r);
    return n;
  };
  for (int mask = 1; mask < 300; ++mask) {
    db::wide_patch p;
    const auto maybe = [&](int bit, soong::patch<std::optional<std::int32_t>>& field) {
      if ((mask & (1 << bit)) != 0) field = soong::set(std::optional<std::int32_t>(mask));
    };
    maybe(0, p.c1), maybe(1, p.c2), maybe(2, p.c3), maybe(3, p.c4), maybe(4, p.c5);
    maybe(5, p.c6), maybe(6, p.c7), maybe(7, p.c8), maybe(8, p.c9);
    const auto row = db::update_wide(conn, 1, p);
    ASSERT_TRUE(row.has_value());
    ASSERT_EQ(row->c1, (mask & 1) != 0 ? std::optional<std::int32_t>(mask) : row->c1);
  }
  EXPECT_EQ(soong::cached_crud_statements(conn), soong::crud_statement_cache_capacity);
  EXPECT_LE(prepared_on_server(), static_cast<int>(soong::crud_statement_cache_capacity) + 1);
}

// Behind PgBouncer in transaction mode the column-set statements run like every generated
// statement: automatic mode detects the pooler, off never names them. Four clients share two
// server connections and each sends more shapes than its cache holds.
TEST(crud_pgbouncer, column_set_statements_work_through_transaction_pooling) {
  const std::string name = soong::testing::fresh_database_name();
  soong::testing::run_sql(soong::testing::conninfo(name), soong::testing::read_file(schema_path()));
  soong::testing::pgbouncer_server bouncer;
  for (const auto mode :
       {soong::statement_cache_mode::automatic, soong::statement_cache_mode::off}) {
    std::atomic<int> failures{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
      clients.emplace_back([&, c] {
        try {
          soong::connection conn(bouncer.conninfo(name), {.statement_cache = mode});
          const int id = static_cast<int>(mode) * 100 + c + 1;
          static_cast<void>(db::insert_wide(conn, {.id = id}));
          for (int mask = 1; mask < 100; ++mask) {
            db::wide_patch p;
            if ((mask & 1) != 0) p.c1 = soong::set(std::optional<std::int32_t>(mask));
            if ((mask & 2) != 0) p.c2 = soong::set(std::optional<std::int32_t>(mask));
            if ((mask & 4) != 0) p.c3 = soong::set(std::optional<std::int32_t>(mask));
            if ((mask & 8) != 0) p.c4 = soong::set(std::optional<std::int32_t>(mask));
            if ((mask & 16) != 0) p.c5 = soong::set(std::optional<std::int32_t>(mask));
            if ((mask & 32) != 0) p.c6 = soong::set(std::optional<std::int32_t>(mask));
            if ((mask & 64) != 0) p.c7 = soong::set(std::optional<std::int32_t>(mask));
            const auto row = db::update_wide(conn, id, p);
            const auto read = db::select_wide(conn, {.id = soong::eq(id)});
            if (!row || read.size() != 1 || read[0].c1 != row->c1 || read[0].c7 != row->c7) {
              ++failures;
            }
          }
        } catch (const std::exception& e) {
          ADD_FAILURE() << e.what();
          ++failures;
        }
      });
    }
    for (auto& t : clients) t.join();
    EXPECT_EQ(failures.load(), 0) << soong::to_string(mode);
  }
}

TEST(crud_generator, unknown_tables_are_errors_and_tables_without_a_key_warnings) {
  soong::gen::run_inputs inputs;
  inputs.schema_files.push_back({schema_path(), soong::testing::read_file(schema_path())});
  inputs.crud_tables = {"public.event", "events"};
  soong::gen::pipeline_options options;
  options.database_url = soong::testing::fresh_database();
  const auto result = soong::gen::build_ir(inputs, options);
  std::vector<std::string> messages;
  for (const auto& d : result.diags.all()) messages.push_back(d.code + " " + d.message);
  ASSERT_EQ(messages.size(), 2u) << ::testing::PrintToString(messages);
  EXPECT_NE(messages[0].find("SOONG210"), std::string::npos) << messages[0];
  EXPECT_NE(messages[0].find("did you mean public.events?"), std::string::npos) << messages[0];
  EXPECT_NE(messages[1].find("SOONG211"), std::string::npos) << messages[1];
}

TEST(crud_generator, a_query_named_like_a_crud_function_is_an_error_naming_both) {
  soong::gen::run_inputs inputs;
  inputs.schema_files.push_back({schema_path(), soong::testing::read_file(schema_path())});
  inputs.query_files.push_back({"sql/mine.sql",
                                "-- name: CountGizmos :one\nSELECT count(*) FROM gizmos;\n\n"
                                "-- name: GetGizmos :many\n  SELECT * FROM gizmos;\n"});
  inputs.crud_tables = {"gizmos"};
  soong::gen::pipeline_options options;
  options.database_url = soong::testing::fresh_database();
  const auto result = soong::gen::build_ir(inputs, options);
  ASSERT_FALSE(result.diags.has_errors()) << ::testing::PrintToString(result.diags.all().size());
  const soong::gen::emit_output out = soong::gen::emit_cpp(result.model, {});
  ASSERT_EQ(out.errors.size(), 1u);
  const soong::gen::diagnostic& d = out.errors.front();
  EXPECT_EQ(d.code, "SOONG214");
  EXPECT_EQ(d.location.file, "sql/mine.sql");
  EXPECT_EQ(d.location.line, 5);
  EXPECT_EQ(d.location.column, 3);
  EXPECT_NE(d.message.find("query GetGizmos generates `get_gizmos`, which the CRUD functions of "
                           "public.gizmos also declare"),
            std::string::npos)
      << d.message;
  EXPECT_TRUE(out.files.empty());  // all or nothing

  // Without the CRUD table the same query is fine.
  inputs.crud_tables.clear();
  const auto alone = soong::gen::build_ir(inputs, options);
  EXPECT_TRUE(soong::gen::emit_cpp(alone.model, {}).errors.empty());
}

}  // namespace
