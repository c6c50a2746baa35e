// Known-answer tests of RDS IAM auth tokens. Expected strings are published values (sources at
// each vector), written here as data.

#include "soong/rds_iam.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "soong/error.hpp"

namespace {

using namespace std::chrono_literals;
namespace aws = soong::aws;
namespace rds = soong::rds;

/// The query parameters of a token, sorted: SDKs differ in where they put X-Amz-Signature.
std::vector<std::string> sorted_parameters(const std::string& token) {
  std::vector<std::string> parts;
  std::string rest = token.substr(token.find('?') + 1);
  for (std::size_t at; (at = rest.find('&')) != std::string::npos; rest.erase(0, at + 1)) {
    parts.push_back(rest.substr(0, at));
  }
  parts.push_back(rest);
  std::sort(parts.begin(), parts.end());
  return parts;
}

// Vector 1: the AWS SDK for JavaScript v2 unit test of AWS.RDS.Signer.getAuthToken
// (test/rds/signer.spec.js): credentials akid/secret, us-east-1, db.us-east-1.amazonaws.com:8000,
// user "test", time 0. The SDK orders X-Amz-Signature among the others; we append it last.
constexpr const char* sdk_js_token =
    "db.us-east-1.amazonaws.com:8000/?Action=connect&DBUser=test&"
    "X-Amz-Algorithm=AWS4-HMAC-SHA256&"
    "X-Amz-Credential=akid%2F19700101%2Fus-east-1%2Frds-db%2Faws4_request&"
    "X-Amz-Date=19700101T000000Z&X-Amz-Expires=900&"
    "X-Amz-Signature=6f2b4daa29668c1c264d7af7927d9d2a706768e35d92d76b461aedbaca14b6ad&"
    "X-Amz-SignedHeaders=host";

rds::auth_token_request sdk_js_request() {
  rds::auth_token_request request;
  request.host = "db.us-east-1.amazonaws.com";
  request.port = 8000;
  request.user = "test";
  request.region = "us-east-1";
  request.credentials = {"akid", "secret", ""};
  request.clock = [] { return std::chrono::system_clock::time_point{}; };
  return request;
}

TEST(rds_auth_token_known_answer, matches_aws_sdk_js_reference_token) {
  const std::string token = rds::generate_auth_token(sdk_js_request());
  EXPECT_EQ(token,
            "db.us-east-1.amazonaws.com:8000/?Action=connect&DBUser=test&"
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&"
            "X-Amz-Credential=akid%2F19700101%2Fus-east-1%2Frds-db%2Faws4_request&"
            "X-Amz-Date=19700101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&"
            "X-Amz-Signature=6f2b4daa29668c1c264d7af7927d9d2a706768e35d92d76b461aedbaca14b6ad");
  EXPECT_EQ(sorted_parameters(token), sorted_parameters(sdk_js_token));
  EXPECT_EQ(token.substr(0, token.find('?')), "db.us-east-1.amazonaws.com:8000/");
}

// Vector 2: the RDS test of the Perl CPAN module Signer::AWSv4 (t/04_rds.t), which publishes
// every intermediate step: AKIAKIAKIAKIAKIAKIAK / forty '1's, eu-west-1,
// mydb.c1fycpveg7nf.us-west-2.rds.amazonaws.com:3306, user mysqluser, 2018-07-22 20:22:36 UTC.
TEST(rds_auth_token_known_answer, intermediate_steps_match_signer_awsv4_reference) {
  aws::http_request request;
  request.headers = {{"host", "mydb.c1fycpveg7nf.us-west-2.rds.amazonaws.com:3306"}};
  request.query = {
      {"Action", "connect"},
      {"DBUser", "mysqluser"},
      {"X-Amz-Algorithm", "AWS4-HMAC-SHA256"},
      {"X-Amz-Credential", "AKIAKIAKIAKIAKIAKIAK/20180722/eu-west-1/rds-db/aws4_request"},
      {"X-Amz-Date", "20180722T202236Z"},
      {"X-Amz-Expires", "900"},
      {"X-Amz-SignedHeaders", "host"}};
  const std::string canonical = aws::canonical_request(request);
  EXPECT_EQ(canonical,
            "GET\n/\n"
            "Action=connect&DBUser=mysqluser&X-Amz-Algorithm=AWS4-HMAC-SHA256&"
            "X-Amz-Credential=AKIAKIAKIAKIAKIAKIAK%2F20180722%2Feu-west-1%2Frds-db%2Faws4_request&"
            "X-Amz-Date=20180722T202236Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host\n"
            "host:mydb.c1fycpveg7nf.us-west-2.rds.amazonaws.com:3306\n"
            "\n"
            "host\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const aws::credential_scope scope{"20180722", "eu-west-1", "rds-db"};
  const std::string to_sign = aws::string_to_sign("20180722T202236Z", scope, canonical);
  EXPECT_EQ(to_sign,
            "AWS4-HMAC-SHA256\n20180722T202236Z\n20180722/eu-west-1/rds-db/aws4_request\n"
            "3cc087a8945870ff5cb2a6b0ab4c5b7436e02d794b0cca9deab86a7fc76d5e52");
  const std::string secret(40, '1');
  EXPECT_EQ(aws::signature(aws::signing_key(secret, scope), to_sign),
            "b77c366f1379046852039d21f733035fa73696275c03dd2908ef267c3049d831");

  rds::auth_token_request token_request;
  token_request.host = "mydb.c1fycpveg7nf.us-west-2.rds.amazonaws.com";
  token_request.port = 3306;
  token_request.user = "mysqluser";
  token_request.region = "eu-west-1";
  token_request.credentials = {"AKIAKIAKIAKIAKIAKIAK", secret, ""};
  token_request.clock = [] {
    return std::chrono::sys_days{std::chrono::year{2018} / 7 / 22} + 20h + 22min + 36s;
  };
  const std::string token = rds::generate_auth_token(token_request);
  EXPECT_TRUE(token.ends_with(
      "&X-Amz-Signature=b77c366f1379046852039d21f733035fa73696275c03dd2908ef267c3049d831"))
      << token;
}

TEST(rds_auth_token, session_token_is_signed_and_sent) {
  rds::auth_token_request request = sdk_js_request();
  request.credentials.session_token = "AQoD+/token=";
  const std::string token = rds::generate_auth_token(request);
  EXPECT_NE(token.find("&X-Amz-Security-Token=AQoD%2B%2Ftoken%3D&X-Amz-SignedHeaders=host&"),
            std::string::npos)
      << token;
  // The token is part of the signed string, so the signature changes with it.
  EXPECT_NE(token.substr(token.rfind('=')),
            rds::generate_auth_token(sdk_js_request()).substr(token.rfind('=')));
}

TEST(rds_auth_token, later_clock_gives_a_different_token) {
  rds::auth_token_request request = sdk_js_request();
  const std::string first = rds::generate_auth_token(request);
  request.clock = [] { return std::chrono::system_clock::time_point{} + 16min; };
  const std::string later = rds::generate_auth_token(request);
  EXPECT_NE(first, later);
  EXPECT_NE(later.find("X-Amz-Date=19700101T001600Z"), std::string::npos);
}

TEST(rds_auth_token, user_names_are_uri_encoded) {
  rds::auth_token_request request = sdk_js_request();
  request.user = "app user@x";
  EXPECT_NE(rds::generate_auth_token(request).find("&DBUser=app%20user%40x&"), std::string::npos);
}

TEST(rds_auth_token, region_comes_from_config_then_aws_region_then_default_region) {
  ::unsetenv("AWS_REGION");
  ::unsetenv("AWS_DEFAULT_REGION");
  try {
    (void)rds::resolve_region("");
    FAIL() << "expected an error";
  } catch (const soong::error& e) {
    EXPECT_STREQ(e.what(),
                 "RDS IAM authentication needs an AWS region: set AWS_REGION (Lambda sets it) or "
                 "AWS_DEFAULT_REGION, or connection_config::iam.region");
  }
  ::setenv("AWS_DEFAULT_REGION", "eu-west-1", 1);
  EXPECT_EQ(rds::resolve_region(""), "eu-west-1");
  ::setenv("AWS_REGION", "eu-central-1", 1);
  EXPECT_EQ(rds::resolve_region(""), "eu-central-1");
  EXPECT_EQ(rds::resolve_region("us-east-2"), "us-east-2");
  ::unsetenv("AWS_REGION");
  ::unsetenv("AWS_DEFAULT_REGION");
}

TEST(rds_auth_token, missing_parts_are_clear_errors) {
  rds::auth_token_request request = sdk_js_request();
  request.user.clear();
  EXPECT_THROW((void)rds::generate_auth_token(request), soong::error);
  request = sdk_js_request();
  request.credentials.secret_access_key.clear();
  try {
    (void)rds::generate_auth_token(request);
    FAIL() << "expected an error";
  } catch (const soong::error& e) {
    EXPECT_STREQ(e.what(), "RDS IAM auth token: AWS access key id or secret access key is empty");
  }
}

}  // namespace
