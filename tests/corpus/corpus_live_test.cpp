// The corpus, live: C++ generated at build time from tests/corpus/queries runs against a real
// PostgreSQL filled by seed.sql, whose rows put NULLs in every nullable column and make every
// outer join NULL-extended. Every generated function is called (vector, streaming and JSON
// variants), so a non-optional field receiving NULL would throw soong::unexpected_null
// (soundness). The static_asserts below pin declared-NOT-NULL columns to non-optional C++
// types (precision); corpus_describe_test checks every column's nullability.

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <soong/json.hpp>
#include <soong/json_writer.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "analytics.sql.hpp"
#include "documents.sql.hpp"
#include "joins.sql.hpp"
#include "members.sql.hpp"
#include "precision.sql.hpp"
#include "query_corpus.hpp"
#include "views_ctes.sql.hpp"
#include "writes.sql.hpp"

namespace {
namespace db = corpus::db;

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

// --- Precision: declared NOT NULL columns, not on the nullable side of an outer join, stay
// non-optional. (A regression to std::optional would not compile.)
static_assert(!is_optional<decltype(db::member::email)>);
static_assert(!is_optional<decltype(db::member::tags)>);
static_assert(!is_optional<decltype(db::member::balance)>);
static_assert(is_optional<decltype(db::member::display_name)>);
static_assert(!is_optional<decltype(db::list_members_row::joined_at)>);
static_assert(!is_optional<decltype(db::posts_with_authors_row::email)>);
static_assert(!is_optional<decltype(db::posts_left_authors_row::title)>);
static_assert(is_optional<decltype(db::posts_left_authors_row::email)>);
static_assert(!is_optional<decltype(db::members_right_posts_row::title)>);
static_assert(is_optional<decltype(db::members_right_posts_row::email)>);
static_assert(is_optional<decltype(db::teams_full_members_row::name)>);
static_assert(is_optional<decltype(db::teams_full_members_row::member_id)>);
static_assert(!is_optional<decltype(db::nested_left_joins_row::id)>);
static_assert(is_optional<decltype(db::nested_left_joins_row::team_name)>);
static_assert(!is_optional<decltype(db::join_using_row::name)>);
static_assert(!is_optional<decltype(db::self_join_row::other_id)>);
static_assert(is_optional<decltype(db::join_inside_subquery_row::email)>);
static_assert(!is_optional<decltype(db::join_inside_subquery_row::title)>);
static_assert(!is_optional<decltype(db::list_post_summaries_row::comment_count)>);
static_assert(is_optional<decltype(db::list_post_summaries_row::author_email)>);
static_assert(!is_optional<decltype(db::score_by_status_row::total)>);
static_assert(!is_optional<decltype(db::score_by_status_row::last_title)>);
static_assert(is_optional<decltype(db::max_score_no_group_row::best)>);
static_assert(!is_optional<decltype(db::comments_per_member_row::comments)>);
static_assert(!is_optional<decltype(db::rank_posts_row::rnk)>);
static_assert(!is_optional<decltype(db::display_name_or_email_row::label)>);
static_assert(!is_optional<decltype(db::member_flags_row::has_posts)>);
static_assert(!is_optional<decltype(db::member_case_row::karma_band)>);
static_assert(is_optional<decltype(db::member_case_row::maybe_band)>);
static_assert(!is_optional<decltype(db::member_strict_functions_row::email_len)>);
static_assert(!is_optional<decltype(db::member_name_override_row::display_name)>);
static_assert(is_optional<decltype(db::member_name_override_row::email)>);
static_assert(!is_optional<decltype(db::post_metadata_row::pinned)>);
static_assert(!is_optional<decltype(db::literals_and_params_row::next)>);
static_assert(!is_optional<decltype(db::cte_data_modifying_row::score)>);
static_assert(!is_optional<decltype(db::create_member_row::joined_at)>);
static_assert(!is_optional<decltype(db::publish_post_row::status)>);
static_assert(!is_optional<decltype(db::delete_comment_row::body)>);
static_assert(is_optional<decltype(db::comments_of_posts_row::email)>);
// An aggregate without GROUP BY always yields its one row: the value, not an optional of it.
static_assert(
    std::is_same_v<decltype(db::count_members(std::declval<soong::connection&>())), std::int64_t>);
// So a single nullable column of such a row is the column's optional (array_agg over no rows
// is NULL), not a one-field row.
static_assert(std::is_same_v<decltype(db::array_aggregate(std::declval<soong::connection&>())),
                             std::optional<std::vector<std::optional<std::int64_t>>>>);
static_assert(!is_optional<decltype(db::running_totals_row::running)>);
static_assert(std::is_same_v<decltype(db::enum_labels(std::declval<soong::connection&>())),
                             std::vector<std::optional<db::post_status>>>);
// Beyond plain columns (precision.sql).
static_assert(!is_optional<decltype(db::post_documents_row::doc)>);
static_assert(is_optional<decltype(db::post_documents_row::body)>);
static_assert(!is_optional<decltype(db::post_documents_row::comments)>);
static_assert(!is_optional<decltype(db::series_with_ordinality_row::n)>);
static_assert(!is_optional<decltype(db::series_with_ordinality_row::i)>);
static_assert(is_optional<decltype(db::series_with_ordinality_row::tag)>);
static_assert(!is_optional<decltype(db::series_with_ordinality_row::pos)>);
static_assert(is_optional<decltype(db::member_tag_positions_row::tag)>);
static_assert(!is_optional<decltype(db::member_tag_positions_row::ordinality)>);
static_assert(!is_optional<decltype(db::interval_of_row::span)>);
static_assert(!is_optional<decltype(db::member_labels_row::label)>);
static_assert(is_optional<decltype(db::member_labels_row::named)>);
static_assert(!is_optional<decltype(db::member_labels_row::karma_or_zero)>);
static_assert(is_optional<decltype(db::member_labels_row::strict_karma)>);
static_assert(!is_optional<decltype(db::extension_values_row::v5)>);
static_assert(!is_optional<decltype(db::extension_values_row::v4)>);
static_assert(!is_optional<decltype(db::extension_values_row::v1)>);
static_assert(!is_optional<decltype(db::extension_values_row::nil)>);
static_assert(!is_optional<decltype(db::extension_values_row::sha)>);
static_assert(!is_optional<decltype(db::extension_values_row::mac)>);
static_assert(!is_optional<decltype(db::extension_values_row::hash)>);
static_assert(!is_optional<decltype(db::extension_values_row::id_v4)>);
static_assert(!is_optional<decltype(db::extension_values_row::noise)>);
static_assert(!is_optional<decltype(db::extension_values_row::sim)>);
static_assert(!is_optional<decltype(db::extension_values_row::word_sim)>);
static_assert(is_optional<decltype(db::extension_values_row::name_sim)>);
static_assert(!is_optional<decltype(db::ticket_sequence_row::last_value)>);
static_assert(!is_optional<decltype(db::ticket_sequence_row::is_called)>);
static_assert(!is_optional<decltype(db::public_tables_row::relname)>);
static_assert(is_optional<decltype(db::public_tables_row::owner)>);
static_assert(!is_optional<decltype(db::public_tables_row::table_name)>);

/// Each test gets its own database with the corpus schema and seed rows.
class corpus : public ::testing::Test {
 protected:
  soong::connection conn{soong::testing::seeded_corpus_database(SOONG_CORPUS_DIR)};
};

TEST_F(corpus, member_queries) {
  const auto ada = SOONG_CORPUS_ONE(get_member, 1);
  ASSERT_TRUE(ada);
  EXPECT_EQ(ada->email, "Ada@Example.com");
  EXPECT_EQ(ada->tags, (std::vector<std::optional<std::string>>{"a", "b"}));
  EXPECT_EQ(ada->nicknames, (std::vector<std::optional<std::string>>{"ada", std::nullopt}));
  EXPECT_EQ(ada->balance.str(), "12.50");
  const auto bob = SOONG_CORPUS_ONE(get_member, 2);
  ASSERT_TRUE(bob);
  EXPECT_FALSE(bob->display_name);
  EXPECT_FALSE(bob->home);
  EXPECT_FALSE(bob->karma);
  EXPECT_FALSE(SOONG_CORPUS_ONE(get_member, 99));

  EXPECT_EQ(SOONG_CORPUS_MANY(list_members).size(), 3u);
  const auto by_email = SOONG_CORPUS_ONE(get_member_by_email, "ada@example.COM");  // citext
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->id, 1);
  for (const std::int64_t id : {1, 2, 3}) {
    static_cast<void>(SOONG_CORPUS_ONE(member_home, id));
    static_cast<void>(SOONG_CORPUS_ONE(member_tags, id));
    static_cast<void>(SOONG_CORPUS_ONE(member_prefs, id));
    static_cast<void>(SOONG_CORPUS_ONE(member_karma, id));
    static_cast<void>(SOONG_CORPUS_ONE(member_flags, id));
  }
  const auto home = db::member_home(conn, 1);
  ASSERT_TRUE(home && home->city);
  EXPECT_EQ(*home->city, "London");
  const auto labels = SOONG_CORPUS_MANY(display_name_or_email);
  ASSERT_EQ(labels.size(), 3u);
  EXPECT_EQ(labels[1].label, "bob@example.com");
  EXPECT_EQ(SOONG_CORPUS_MANY(members_seen_since, std::nullopt).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(members_with_tag, "a").size(), 1u);
  EXPECT_EQ(SOONG_CORPUS_MANY(members_by_ids, std::vector<std::int64_t>{2, 3}).size(), 2u);
  const auto overridden = SOONG_CORPUS_ONE(member_name_override);
  ASSERT_TRUE(overridden);
  EXPECT_EQ(overridden->display_name, "Ada");
  const auto bands = SOONG_CORPUS_MANY(member_case);
  ASSERT_EQ(bands.size(), 3u);
  EXPECT_EQ(bands[0].karma_band, "high");
  EXPECT_EQ(bands[1].karma_band, "none");
  EXPECT_FALSE(bands[1].maybe_band);
  EXPECT_EQ(SOONG_CORPUS_MANY(member_strict_functions)[0].lower_email, "ada@example.com");
}

TEST_F(corpus, join_queries) {
  EXPECT_EQ(SOONG_CORPUS_MANY(posts_with_authors).size(), 2u);
  const auto left = SOONG_CORPUS_MANY(posts_left_authors);
  ASSERT_EQ(left.size(), 3u);
  EXPECT_FALSE(left[1].email);  // the orphan post
  EXPECT_EQ(SOONG_CORPUS_MANY(members_right_posts).size(), 3u);
  const auto full = SOONG_CORPUS_MANY(teams_full_members);
  EXPECT_EQ(full.size(), 4u);
  EXPECT_EQ(SOONG_CORPUS_MANY(nested_left_joins).size(), 4u);
  EXPECT_EQ(SOONG_CORPUS_MANY(chained_left_joins).size(), 4u);
  EXPECT_EQ(SOONG_CORPUS_ONE(cross_join_count), std::optional<std::int64_t>(9));
  EXPECT_EQ(SOONG_CORPUS_MANY(join_using).size(), 3u);
  const auto counts = SOONG_CORPUS_MANY(left_join_subquery);
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[0].post_count, std::optional<std::int64_t>(1));
  EXPECT_FALSE(counts[1].post_count);
  EXPECT_EQ(SOONG_CORPUS_MANY(join_inside_subquery).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(lateral_latest_comment).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(self_join).size(), 3u);
  const auto outer = SOONG_CORPUS_MANY(full_join_on_true);
  ASSERT_EQ(outer.size(), 2u);
  EXPECT_EQ(outer[0].team_id, std::optional<std::int32_t>(2));
  EXPECT_FALSE(outer[0].post_id);
}

TEST_F(corpus, view_cte_and_subquery_queries) {
  const auto summaries = SOONG_CORPUS_MANY(list_post_summaries);
  ASSERT_EQ(summaries.size(), 3u);
  EXPECT_EQ(summaries[0].comment_count, 2);
  EXPECT_FALSE(summaries[1].author_email);
  EXPECT_EQ(SOONG_CORPUS_MANY(summary_authors, 0).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(cte_active_authors).size(), 2u);
  EXPECT_EQ(SOONG_CORPUS_MANY(cte_left_joined).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(recursive_numbers, 4), (std::vector<std::int32_t>{1, 2, 3, 4}));
  EXPECT_EQ(SOONG_CORPUS_MANY(scalar_subquery).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(in_subquery, 1).size(), 2u);
  const auto lonely = SOONG_CORPUS_MANY(exists_filter);
  ASSERT_EQ(lonely.size(), 1u);
  EXPECT_EQ(lonely[0].name, "empty");
  EXPECT_EQ(SOONG_CORPUS_MANY(union_all).size(), 6u);
  // The JSON variant keeps the query's data-modifying WITH at the top level (PostgreSQL refuses
  // it nested: 0A000) and must return the same rows.
  EXPECT_EQ(SOONG_CORPUS_MANY(cte_data_modifying).size(), 1u);
}

TEST_F(corpus, aggregate_and_window_queries) {
  EXPECT_EQ(SOONG_CORPUS_ONE(count_members), 3);
  const auto totals = SOONG_CORPUS_ONE(max_score_no_group);
  EXPECT_EQ(totals.best, std::optional<std::int32_t>(5));
  EXPECT_EQ(SOONG_CORPUS_MANY(score_by_status).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(rating_by_status).size(), 3u);
  const auto per_member = SOONG_CORPUS_MANY(comments_per_member);
  ASSERT_EQ(per_member.size(), 3u);
  EXPECT_EQ(per_member[0].comments, 2);
  EXPECT_EQ(per_member[1].comments, 0);
  EXPECT_FALSE(per_member[1].bodies);
  EXPECT_EQ(SOONG_CORPUS_MANY(having_filter, 1).size(), 1u);
  EXPECT_EQ(SOONG_CORPUS_MANY(rank_posts).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(running_totals).size(), 3u);
  const auto flags = SOONG_CORPUS_ONE(bool_aggregates);
  EXPECT_EQ(flags.rated, 1);
  EXPECT_TRUE(SOONG_CORPUS_ONE(array_aggregate).has_value());
  EXPECT_TRUE(SOONG_CORPUS_ONE(json_aggregate).has_value());
}

TEST_F(corpus, enum_array_json_and_type_queries) {
  EXPECT_EQ(SOONG_CORPUS_MANY(posts_by_status, db::post_status::published).size(), 1u);
  EXPECT_EQ(SOONG_CORPUS_MANY(post_statuses),
            (std::vector<db::post_status>{db::post_status::draft, db::post_status::published,
                                          db::post_status::archived}));
  const auto labels = SOONG_CORPUS_ONE(enum_labels);
  EXPECT_EQ(labels.size(), 3u);
  const auto metadata = SOONG_CORPUS_MANY(post_metadata);
  ASSERT_EQ(metadata.size(), 3u);
  EXPECT_TRUE(metadata[2].pinned);
  EXPECT_EQ(SOONG_CORPUS_MANY(posts_with_metadata_key, "tags").size(), 1u);
  const auto tags = SOONG_CORPUS_MANY(unnest_tags);
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_FALSE(tags[2].tag);  // member 3's '{NULL}'
  EXPECT_EQ(SOONG_CORPUS_MANY(rating_math).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(composite_fields).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(build_json)[0].doc, (nlohmann::json{{"id", 1}, {"title", "Hello"}}));
  const auto literals = SOONG_CORPUS_ONE(literals_and_params, 41);
  EXPECT_EQ(literals.next, 42);
  EXPECT_FALSE(literals.nothing);
}

TEST_F(corpus, precision_queries) {
  const auto documents = SOONG_CORPUS_MANY(post_documents);
  ASSERT_EQ(documents.size(), 3u);
  EXPECT_EQ(documents[0].doc.at("title"), "Hello");
  const auto series = SOONG_CORPUS_MANY(series_with_ordinality);
  ASSERT_EQ(series.size(), 4u);
  EXPECT_EQ(series[3].i, 2);
  EXPECT_FALSE(series[3].tag);  // ARRAY['a', NULL]
  EXPECT_EQ(series[3].pos, 2);
  const auto positions = SOONG_CORPUS_MANY(member_tag_positions);
  ASSERT_FALSE(positions.empty());
  EXPECT_EQ(positions.front().ordinality, 1);
  const db::interval_of_params two_days{.days = 2, .secs = 30.0};
  EXPECT_EQ(SOONG_CORPUS_ONE(interval_of, two_days).span.days, 2);
  const auto labels = SOONG_CORPUS_MANY(member_labels);
  ASSERT_EQ(labels.size(), 3u);
  EXPECT_NE(labels[0].label.find('#'), std::string::npos);
  EXPECT_EQ(labels[2].karma_or_zero, labels[2].strict_karma.value_or(0));
  const auto extensions = SOONG_CORPUS_MANY(extension_values);
  ASSERT_EQ(extensions.size(), 3u);
  EXPECT_EQ(extensions[0].sha.size(), 32u);
  EXPECT_EQ(extensions[0].noise.size(), 8u);
  const auto ticket = SOONG_CORPUS_ONE(ticket_sequence);
  ASSERT_TRUE(ticket);
  EXPECT_EQ(ticket->last_value, 1);
  EXPECT_FALSE(ticket->is_called);
  const auto tables = SOONG_CORPUS_MANY(public_tables);
  ASSERT_FALSE(tables.empty());
  EXPECT_EQ(tables.front().relname, tables.front().table_name);
  // NULL for the optional filters: the status filter is off, the score falls back to 0 (post
  // 3's score is -1); a value: only the posts matching it.
  const db::posts_by_optional_status_params any_post{.status = std::nullopt, .score = std::nullopt};
  EXPECT_EQ(SOONG_CORPUS_MANY(posts_by_optional_status, any_post).size(), 2u);
  const db::posts_by_optional_status_params published{.status = db::post_status::published,
                                                      .score = std::nullopt};
  EXPECT_EQ(SOONG_CORPUS_MANY(posts_by_optional_status, published).size(), 1u);
  const auto renamed = db::set_member_name(conn, {.p1 = true, .p2 = std::nullopt, .id = 1});
  ASSERT_TRUE(renamed);
  EXPECT_FALSE(renamed->display_name);
  EXPECT_EQ(db::set_post_body(conn, {.body = std::nullopt, .rating = std::nullopt, .id = 1}), 1);
}

TEST_F(corpus, write_queries_and_every_command) {
  const auto created = db::create_member(
      conn, {.email = "dee@example.com", .display_name = std::nullopt, .karma = 3});
  EXPECT_FALSE(created.display_name);
  EXPECT_FALSE(db::create_member_json(
                   conn, {.email = "eve@example.com", .display_name = "Eve", .karma = std::nullopt})
                   .empty());

  const auto team = db::create_team_if_missing(conn, "new");
  ASSERT_TRUE(team);
  EXPECT_FALSE(db::create_team_if_missing(conn, "new"));  // ON CONFLICT DO NOTHING: no row
  EXPECT_FALSE(db::create_team_if_missing_json(conn, "core"));

  const auto upserted =
      db::upsert_membership(conn, {.team_id = 2, .member_id = 2, .role = std::nullopt});
  EXPECT_FALSE(upserted.role);
  EXPECT_FALSE(
      db::upsert_membership_json(conn, {.team_id = 2, .member_id = 2, .role = "x"}).empty());

  db::rename_member(conn, {.id = 2, .display_name = std::nullopt});
  EXPECT_EQ(db::touch_members(conn, std::nullopt), 4);  // bob, cy, dee and eve were never seen
  const soong::result archived = db::archive_drafts(conn);
  EXPECT_EQ(archived.affected_rows(), 1);

  const auto published = db::publish_post(conn, {.id = 2, .published_at = std::nullopt});
  ASSERT_TRUE(published);
  EXPECT_EQ(published->status, db::post_status::published);
  EXPECT_FALSE(published->published_at);
  EXPECT_FALSE(published->body);
  EXPECT_TRUE(db::publish_post_json(conn, {.id = 1, .published_at = std::nullopt}));

  const auto deleted = db::delete_comment(conn, 2);
  ASSERT_TRUE(deleted);
  EXPECT_FALSE(deleted->member_id);
  EXPECT_FALSE(db::delete_comment_json(conn, 2));

  const std::vector<db::copy_events_params> events = {
      {.member_id = 1, .kind = "copy", .payload = nlohmann::json{{"n", 1}}},
      {.member_id = 2, .kind = "copy", .payload = std::nullopt}};
  EXPECT_EQ(db::copy_events(conn, events), 2);

  const std::vector<db::add_comments_params> comments = {
      {.post_id = 2, .member_id = std::nullopt, .body = "first on orphan"},
      {.post_id = 2, .member_id = 1, .body = "second"}};
  db::add_comments(conn, comments);

  const std::vector<db::create_teams_params> teams = {{.name = "t1", .motto = std::nullopt},
                                                      {.name = "t2", .motto = "go"}};
  const auto created_teams = db::create_teams(conn, teams);
  ASSERT_EQ(created_teams.size(), 2u);
  EXPECT_FALSE(created_teams[0].motto);

  const std::vector<std::int64_t> post_ids = {1, 2, 3, 99};
  const auto per_post = db::comments_of_posts(conn, post_ids);
  ASSERT_EQ(per_post.size(), 4u);
  EXPECT_EQ(per_post[1].size(), 2u);
  EXPECT_FALSE(per_post[1][0].email);
  EXPECT_TRUE(per_post[3].empty());

  EXPECT_EQ(db::insert_post_select(conn, 2), 1);
  EXPECT_EQ(db::update_from_join(conn), 1);  // the new post by bob, who joined team 2
}

}  // namespace
