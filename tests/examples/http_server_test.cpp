#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "background_http_server.hpp"
#include "cruddur/http_routes.hpp"
#include "cruddur_database.hpp"

namespace {

using cruddur_test::count_rows;

// The real routes on a real cpp-httplib server (loopback, a free port, its own thread) over a
// pool on the seeded database, called with httplib::Client.
class cruddur_http_server : public ::testing::Test {
 protected:
  void SetUp() override {
    cruddur::http::install_routes(server_, pool_);
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    listener_ = soong::testing::serve_in_background(server_);
  }
  void TearDown() override {
    server_.stop();
    if (listener_.joinable()) listener_.join();
  }

  httplib::Client client() const { return httplib::Client("127.0.0.1", port_); }

  std::string conninfo_ = cruddur_test::seeded_database();
  soong::pool pool_{conninfo_};
  soong::connection check_{conninfo_};
  httplib::Server server_;
  std::thread listener_;
  int port_ = 0;
};

TEST_F(cruddur_http_server, home_feed) {
  auto http = client();
  const auto res = http.Get("/api/activities/home");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  const auto feed = nlohmann::json::parse(res->body);
  ASSERT_EQ(feed.size(), 3u);
  EXPECT_EQ(feed[0]["handle"], "londo");
}

TEST_F(cruddur_http_server, create_then_list_by_handle) {
  auto http = client();
  const auto created =
      http.Post("/api/activities", R"({"handle":"bayko","message":"Over HTTP","ttl":"12-hours"})",
                "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  const auto object = nlohmann::json::parse(created->body);
  EXPECT_EQ(object["message"], "Over HTTP");
  EXPECT_EQ(object["handle"], "bayko");

  const auto mine = http.Get("/api/activities/@bayko");
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->status, 200);
  const auto rows = nlohmann::json::parse(mine->body);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["uuid"], object["uuid"]);
}

TEST_F(cruddur_http_server, validation_errors_and_bad_bodies) {
  auto http = client();
  const auto too_long = http.Post(
      "/api/activities",
      nlohmann::json{{"handle", "londo"}, {"message", std::string(281, 'x')}, {"ttl", "1-day"}}
          .dump(),
      "application/json");
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->status, 422);
  EXPECT_EQ(nlohmann::json::parse(too_long->body),
            (nlohmann::json{{"errors", {"message_exceed_max_chars"}}}));

  const auto bad_ttl = http.Post(
      "/api/activities", R"({"handle":"londo","message":"x","ttl":"1-week"})", "application/json");
  ASSERT_TRUE(bad_ttl);
  EXPECT_EQ(bad_ttl->status, 422);
  EXPECT_EQ(nlohmann::json::parse(bad_ttl->body), (nlohmann::json{{"errors", {"ttl_unknown"}}}));

  const auto not_json = http.Post("/api/activities", "handle=londo", "text/plain");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400);
  EXPECT_EQ(count_rows(check_, "public.activities"), 3);

  // Handles outside [A-Za-z0-9_] never reach the database.
  const auto odd_handle = http.Get("/api/activities/@bad%27handle");
  ASSERT_TRUE(odd_handle);
  EXPECT_EQ(odd_handle->status, 404);
}

TEST_F(cruddur_http_server, post_confirmation_inserts_the_user) {
  auto http = client();
  const nlohmann::json event{{"request",
                              {{"userAttributes",
                                {{"name", "Delenn"},
                                 {"email", "delenn@minbari.example"},
                                 {"preferred_username", "delenn"},
                                 {"sub", "sub-delenn"}}}}},
                             {"response", nlohmann::json::object()}};
  const auto res = http.Post("/api/users/post-confirmation", event.dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(nlohmann::json::parse(res->body), event);
  EXPECT_EQ(count_rows(check_, "public.users"), 4);
  const auto user =
      soong::execute_sql(check_, "SELECT display_name FROM public.users WHERE handle = $1",
                         std::string_view("delenn"));
  ASSERT_EQ(user.rows(), 1);
  EXPECT_EQ(user.get<std::string>(0, 0), "Delenn");
}

TEST_F(cruddur_http_server, a_database_failure_is_a_500_without_details) {
  auto http = client();
  soong::execute_script(check_, "DROP TABLE public.activities");
  const auto res = http.Get("/api/activities/home");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(nlohmann::json::parse(res->body), (nlohmann::json{{"errors", {"internal_error"}}}));
}

}  // namespace
