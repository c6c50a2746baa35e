// Known-answer tests of the SigV4 signing steps. The expected strings are published values
// (sources named at each vector), written here as data.

#include "soong/aws_sigv4.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace {

using namespace std::chrono_literals;
namespace aws = soong::aws;

// AWS's documented example secret key (AWS General Reference, "Signature Version 4" examples).
constexpr const char* example_secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

// Vector 1: the IAM ListUsers GET request of AWS's "Create a signed AWS API request" /
// "Signature Version 4 signing process" documentation (2015-08-30 12:36:00 UTC, us-east-1, iam).
aws::http_request list_users_request() {
  aws::http_request request;
  request.query = {{"Version", "2010-05-08"}, {"Action", "ListUsers"}};  // out of order on purpose
  request.headers = {{"Host", "iam.amazonaws.com"},
                     {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                     {"X-Amz-Date", "20150830T123600Z"}};
  return request;
}

constexpr const char* list_users_canonical_request =
    "GET\n"
    "/\n"
    "Action=ListUsers&Version=2010-05-08\n"
    "content-type:application/x-www-form-urlencoded; charset=utf-8\n"
    "host:iam.amazonaws.com\n"
    "x-amz-date:20150830T123600Z\n"
    "\n"
    "content-type;host;x-amz-date\n"
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const aws::credential_scope list_users_scope{"20150830", "us-east-1", "iam"};

TEST(sigv4_known_answer, canonical_request_of_aws_list_users_example) {
  EXPECT_EQ(aws::canonical_request(list_users_request()), list_users_canonical_request);
  EXPECT_EQ(aws::sha256_hex(list_users_canonical_request),
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
}

TEST(sigv4_known_answer, string_to_sign_of_aws_list_users_example) {
  EXPECT_EQ(aws::string_to_sign("20150830T123600Z", list_users_scope, list_users_canonical_request),
            "AWS4-HMAC-SHA256\n"
            "20150830T123600Z\n"
            "20150830/us-east-1/iam/aws4_request\n"
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
}

TEST(sigv4_known_answer, signing_key_and_signature_of_aws_list_users_example) {
  const std::string key = aws::signing_key(example_secret, list_users_scope);
  EXPECT_EQ(aws::hex(key), "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  const std::string to_sign =
      aws::string_to_sign("20150830T123600Z", list_users_scope, list_users_canonical_request);
  EXPECT_EQ(aws::signature(key, to_sign),
            "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
}

// Vector 2: AWS's "Examples of how to derive a signing key" (2012-02-15, us-east-1, iam).
TEST(sigv4_known_answer, signing_key_of_aws_derivation_example) {
  EXPECT_EQ(aws::hex(aws::signing_key(example_secret, {"20120215", "us-east-1", "iam"})),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

// Vector 3: a presigned URL with a session token, from the AWS SDK for JavaScript v2 unit
// tests (Neptune copyDBClusterSnapshot PreSignedUrl; credentials akid/secret/session, time 0).
// Checks that X-Amz-Security-Token is signed as a query parameter.
TEST(sigv4_known_answer, presigned_query_with_session_token_from_aws_sdk_js) {
  aws::presign_request request;
  request.host = "rds.eu-central-1.amazonaws.com";
  request.query = {{"Action", "CopyDBClusterSnapshot"},
                   {"DestinationRegion", "us-west-2"},
                   {"SourceDBClusterSnapshotIdentifier", "source_id"},
                   {"TargetDBClusterSnapshotIdentifier", "target_id"},
                   {"Version", "2014-10-31"}};
  request.region = "eu-central-1";
  request.service = "rds";
  request.expires = 3600s;
  request.time = std::chrono::system_clock::time_point{};
  EXPECT_EQ(
      aws::presigned_query(request, {"akid", "secret", "session"}),
      "Action=CopyDBClusterSnapshot&DestinationRegion=us-west-2&"
      "SourceDBClusterSnapshotIdentifier=source_id&TargetDBClusterSnapshotIdentifier=target_id&"
      "Version=2014-10-31&X-Amz-Algorithm=AWS4-HMAC-SHA256&"
      "X-Amz-Credential=akid%2F19700101%2Feu-central-1%2Frds%2Faws4_request&"
      "X-Amz-Date=19700101T000000Z&X-Amz-Expires=3600&X-Amz-Security-Token=session&"
      "X-Amz-SignedHeaders=host&"
      "X-Amz-Signature=b14e9105480608d8958613670c8978b683aaedd08af0f660bafb826e22605e7f");
}

// Vector 4: AWS's SigV4 test suite (AWS General Reference, "Signature Version 4 test suite":
// AKIDEXAMPLE, 2015-08-30 12:36:00 UTC, us-east-1, service "service", host
// example.amazonaws.com), signed in the Authorization header.
struct suite_case {
  const char* name;
  const char* method;
  const char* path;
  aws::name_values query;
  const char* signature;
};

std::chrono::system_clock::time_point suite_time() {
  return std::chrono::sys_days{std::chrono::year{2015} / 8 / 30} + 12h + 36min;
}

TEST(sigv4_known_answer, header_signatures_of_the_aws_test_suite) {
  const suite_case cases[] = {
      {"get-vanilla",
       "GET",
       "/",
       {},
       "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
      {"get-vanilla-query-order-key-case",
       "GET",
       "/",
       {{"Param2", "value2"}, {"Param1", "value1"}},
       "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
      {"get-utf8",
       "GET",
       "/\xe1\x88\xb4",
       {},
       "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"},
      {"post-vanilla",
       "POST",
       "/",
       {},
       "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"},
  };
  for (const suite_case& c : cases) {
    aws::http_request request;
    request.method = c.method;
    request.path = c.path;
    request.query = c.query;
    request.headers = {{"Host", "example.amazonaws.com"}};
    const aws::header_signature signed_request = aws::sign_headers(
        request, "us-east-1", "service", suite_time(), {"AKIDEXAMPLE", example_secret, ""});
    EXPECT_EQ(signed_request.authorization,
              std::string("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                          "aws4_request, SignedHeaders=host;x-amz-date, Signature=") +
                  c.signature)
        << c.name;
    ASSERT_EQ(signed_request.headers_to_add.size(), 1u) << c.name;
    EXPECT_EQ(signed_request.headers_to_add[0],
              (std::pair<std::string, std::string>{"x-amz-date", "20150830T123600Z"}));
  }
}

// Temporary credentials: the session token travels in a header that is itself signed, so a
// token swapped in transit breaks the signature.
TEST(sigv4_known_answer, a_session_token_is_sent_and_signed) {
  aws::http_request request;
  request.method = "POST";
  request.headers = {{"Host", "example.amazonaws.com"}};
  const auto with_token = aws::sign_headers(request, "us-east-1", "service", suite_time(),
                                            {"AKIDEXAMPLE", example_secret, "token-1"});
  const auto other_token = aws::sign_headers(request, "us-east-1", "service", suite_time(),
                                             {"AKIDEXAMPLE", example_secret, "token-2"});
  EXPECT_NE(with_token.authorization.find("SignedHeaders=host;x-amz-date;x-amz-security-token,"),
            std::string::npos)
      << with_token.authorization;
  EXPECT_NE(with_token.authorization, other_token.authorization);
  ASSERT_EQ(with_token.headers_to_add.size(), 2u);
  EXPECT_EQ(with_token.headers_to_add[1].first, "x-amz-security-token");
  EXPECT_EQ(with_token.headers_to_add[1].second, "token-1");
}

// The building blocks' own rules (SigV4: unreserved characters kept, upper-case hex).
TEST(sigv4_building_blocks, uri_encode_keeps_only_unreserved_characters) {
  EXPECT_EQ(aws::uri_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(aws::uri_encode("a b+c/d=e&f%"), "a%20b%2Bc%2Fd%3De%26f%25");
  EXPECT_EQ(aws::uri_encode("/a b/", /*keep_slash=*/true), "/a%20b/");
  EXPECT_EQ(aws::uri_encode("\xc3\xa9"), "%C3%A9");
}

TEST(sigv4_building_blocks, amz_date_is_utc_basic_format) {
  EXPECT_EQ(aws::amz_date(std::chrono::system_clock::time_point{}), "19700101T000000Z");
  EXPECT_EQ(aws::amz_date(std::chrono::sys_days{std::chrono::year{2015} / 8 / 30} + 12h + 36min),
            "20150830T123600Z");
}

TEST(sigv4_building_blocks, canonical_query_sorts_by_encoded_name) {
  EXPECT_EQ(aws::canonical_query_string({{"b", "2"}, {"a b", "x/y"}, {"A", "1"}}),
            "A=1&a%20b=x%2Fy&b=2");
}

TEST(sigv4_building_blocks, header_values_are_trimmed_and_names_lowered) {
  aws::http_request request;
  request.headers = {{"HOST", "  example.com "}, {"X-Multi", "a   b\tc"}};
  EXPECT_EQ(aws::canonical_request(request),
            "GET\n/\n\nhost:example.com\nx-multi:a b c\n\nhost;x-multi\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(sigv4_building_blocks, credentials_from_environment_names_the_missing_variable) {
  ::setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", 1);
  ::unsetenv("AWS_SECRET_ACCESS_KEY");
  try {
    (void)aws::credentials_from_environment();
    FAIL() << "expected an error";
  } catch (const std::exception& e) {
    EXPECT_STREQ(e.what(),
                 "AWS credentials: environment variable AWS_SECRET_ACCESS_KEY is not set");
  }
  ::setenv("AWS_SECRET_ACCESS_KEY", example_secret, 1);
  ::setenv("AWS_SESSION_TOKEN", "tok", 1);
  const aws::credentials c = aws::credentials_from_environment();
  EXPECT_EQ(c.access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(c.secret_access_key, example_secret);
  EXPECT_EQ(c.session_token, "tok");
  ::unsetenv("AWS_ACCESS_KEY_ID");
  ::unsetenv("AWS_SECRET_ACCESS_KEY");
  ::unsetenv("AWS_SESSION_TOKEN");
}

}  // namespace
