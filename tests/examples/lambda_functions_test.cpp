#include "cruddur/lambda_functions.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "cruddur_database.hpp"

namespace {

using cruddur_test::count_rows;

// One test: soong::default_connection() is made once per process from the environment, as in
// a warm Lambda container, so all calls share the database DATABASE_URL names.
TEST(lambda_functions, proxy_events_in_proxy_responses_out) {
  const std::string conninfo = cruddur_test::seeded_database();
  ASSERT_EQ(::setenv("DATABASE_URL", conninfo.c_str(), 1), 0);
  soong::connection check(conninfo);

  const auto home =
      cruddur::lambda::home_activities({{"httpMethod", "GET"}, {"path", "/api/activities/home"}});
  EXPECT_EQ(home["statusCode"], 200);
  EXPECT_EQ(home["headers"]["Content-Type"], "application/json");
  EXPECT_EQ(nlohmann::json::parse(home["body"].get<std::string>()).size(), 3u);

  const nlohmann::json create_event{
      {"httpMethod", "POST"},
      {"body", R"({"handle":"londo","message":"From a Lambda","ttl":"3-hours"})"}};
  const auto created = cruddur::lambda::create_activity(create_event);
  ASSERT_EQ(created["statusCode"], 200) << created.dump();
  const auto object = nlohmann::json::parse(created["body"].get<std::string>());
  EXPECT_EQ(object["message"], "From a Lambda");
  EXPECT_EQ(count_rows(check, "public.activities"), 4);

  const auto invalid = cruddur::lambda::create_activity(
      {{"body", R"({"handle":"londo","message":"","ttl":"3-hours"})"}});
  EXPECT_EQ(invalid["statusCode"], 422);
  EXPECT_EQ(nlohmann::json::parse(invalid["body"].get<std::string>()),
            (nlohmann::json{{"errors", {"message_blank"}}}));
  const auto not_json = cruddur::lambda::create_activity({{"body", "{oops"}});
  EXPECT_EQ(not_json["statusCode"], 400);
  EXPECT_EQ(count_rows(check, "public.activities"), 4);

  const auto mine = cruddur::lambda::user_activities({{"pathParameters", {{"handle", "londo"}}}});
  EXPECT_EQ(mine["statusCode"], 200);
  const auto rows = nlohmann::json::parse(mine["body"].get<std::string>());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["message"], "From a Lambda");

  const nlohmann::json cognito{{"triggerSource", "PostConfirmation_ConfirmSignUp"},
                               {"request",
                                {{"userAttributes",
                                  {{"name", "G'Kar"},
                                   {"email", "gkar@narn.example"},
                                   {"preferred_username", "gkar"},
                                   {"sub", "sub-gkar"}}}}},
                               {"response", nlohmann::json::object()}};
  EXPECT_EQ(cruddur::lambda::post_confirmation(cognito), cognito);
  EXPECT_EQ(count_rows(check, "public.users"), 4);
  // A second confirmation of the same handle must fail the trigger (Cognito sees the throw).
  EXPECT_THROW((void)cruddur::lambda::post_confirmation(cognito), std::runtime_error);
  EXPECT_EQ(count_rows(check, "public.users"), 4);
}

}  // namespace
