#include "cruddur/post_confirmation.hpp"

#include <nlohmann/json.hpp>
#include <soong/json.hpp>
#include <string>

#include "cruddur_database.hpp"
#include "users/find.sql.hpp"

namespace {

using cruddur_test::count_rows;
using cruddur_test::cruddur_database;

nlohmann::json cognito_event(const std::string& name, const std::string& email,
                             const std::string& handle, const std::string& sub) {
  return {{"version", "1"},
          {"triggerSource", "PostConfirmation_ConfirmSignUp"},
          {"userName", sub},
          {"request",
           {{"userAttributes",
             {{"sub", sub},
              {"email_verified", "true"},
              {"name", name},
              {"email", email},
              {"preferred_username", handle}}}}},
          {"response", nlohmann::json::object()}};
}

TEST_F(cruddur_database, post_confirmation_stores_hostile_strings_verbatim_and_returns_the_event) {
  // Strings that break SQL built by concatenation or psycopg-style templates; bound parameters
  // must store them unchanged.
  const std::string name = "Robert'); DROP TABLE public.users; --";
  const std::string email = "o'hara\"@example.com\\";
  const std::string handle = "%(handle)s $1 \u00e9\U0001F600";
  const std::string sub = "sub-1' OR '1'='1";
  const auto event = cognito_event(name, email, handle, sub);

  const auto result = cruddur::api::post_confirmation(conn_, event);
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(nlohmann::json::parse(result.body), event);
  EXPECT_EQ(count_rows(conn_, "public.users"), 4);

  const auto stored = cruddur::db::find_user_by_cognito_id(conn_, sub);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->display_name, name);
  EXPECT_EQ(stored->email, email);
  EXPECT_EQ(stored->handle, handle);
  EXPECT_FALSE(stored->bio.has_value());
}

TEST_F(cruddur_database, post_confirmation_names_each_missing_attribute_and_inserts_nothing) {
  auto event = cognito_event("Vir Cotto", "vir@centauri.example", "vir", "sub-vir");
  event["request"]["userAttributes"].erase("preferred_username");
  event["request"]["userAttributes"]["email"] = "";
  event["request"]["userAttributes"]["sub"] = 42;
  const auto result = cruddur::api::post_confirmation(conn_, event);
  EXPECT_EQ(result.status, 422);
  EXPECT_EQ(nlohmann::json::parse(result.body),
            (nlohmann::json{{"errors", {"email_blank", "preferred_username_blank", "sub_blank"}}}));

  const auto no_request = cruddur::api::post_confirmation(conn_, nlohmann::json{{"x", 1}});
  EXPECT_EQ(no_request.status, 422);
  EXPECT_EQ(count_rows(conn_, "public.users"), 3);
}

TEST_F(cruddur_database, post_confirmation_of_a_taken_handle_is_a_409) {
  const auto result = cruddur::api::post_confirmation(
      conn_, cognito_event("Another Londo", "l2@example.com", "londo", "sub-other"));
  EXPECT_EQ(result.status, 409);
  EXPECT_EQ(nlohmann::json::parse(result.body),
            (nlohmann::json{{"errors", {"user_handle_taken"}}}));
  EXPECT_EQ(count_rows(conn_, "public.users"), 3);
}

}  // namespace
