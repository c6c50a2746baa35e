// The emulator's wire parts on their own: `:name` placeholders found with PostgreSQL's lexer,
// parameter binding with the service's types, result Fields, and SigV4 checking.

#include <gtest/gtest.h>

#include <chrono>

#include "data_api/field_values.hpp"
#include "data_api/named_placeholders.hpp"
#include "data_api/request_signature.hpp"
#include "soong/aws_sigv4.hpp"
#include "soong/error.hpp"
#include "soong/oid.hpp"

namespace {

namespace da = soong::gen::data_api;

TEST(data_api_placeholders, names_become_numbers_and_repeat) {
  const da::numbered_sql out =
      da::number_placeholders("SELECT :a, :b::int4, :a FROM t WHERE x = :limit");
  EXPECT_EQ(out.text, "SELECT $1, $2::int4, $1 FROM t WHERE x = $3");
  EXPECT_EQ(out.names, (std::vector<std::string>{"a", "b", "limit"}));
}

TEST(data_api_placeholders, colons_that_are_not_placeholders_stay) {
  const std::string sql =
      "SELECT ':not' AS s, x::text, $$ :body $$, \"q:x\" -- :comment\n"
      "  /* :block */ FROM t WHERE arr[1:2] = '{}' AND y = :real";
  const da::numbered_sql out = da::number_placeholders(sql);
  EXPECT_EQ(out.names, std::vector<std::string>{"real"});
  EXPECT_NE(out.text.find("':not'"), std::string::npos);
  EXPECT_NE(out.text.find("x::text"), std::string::npos);
  EXPECT_NE(out.text.find("$$ :body $$"), std::string::npos);
  EXPECT_NE(out.text.find("-- :comment"), std::string::npos);
  EXPECT_NE(out.text.find("y = $1"), std::string::npos);
  EXPECT_THROW((void)da::number_placeholders("SELECT 'unterminated"), soong::error);
}

TEST(data_api_placeholders, statements_are_counted_without_comments) {
  EXPECT_EQ(da::statement_count("SELECT 1"), 1u);
  EXPECT_EQ(da::statement_count("SELECT 1; -- trailing\n"), 1u);
  EXPECT_EQ(da::statement_count("SELECT 1; SELECT 2"), 2u);
  EXPECT_EQ(da::statement_count("SELECT ';'"), 1u);
  EXPECT_EQ(da::statement_count("SELEC 1"), 1u);  // not SQL, but one statement for the server
  EXPECT_EQ(da::statement_count("-- nothing\n;"), 0u);
}

TEST(data_api_fields, parameters_get_the_services_types) {
  const auto bind = [](const char* json) {
    return da::bind_parameter(nlohmann::json::parse(json));
  };
  EXPECT_EQ(bind(R"({"name":"a","value":{"longValue":42}})").type_oid, soong::oids::int8);
  EXPECT_EQ(bind(R"({"name":"a","value":{"stringValue":"x"}})").type_oid, soong::oids::varchar);
  EXPECT_EQ(bind(R"({"name":"a","value":{"stringValue":"x"},"typeHint":"UUID"})").type_oid,
            soong::oids::uuid);
  EXPECT_EQ(bind(R"({"name":"a","value":{"stringValue":"1.5"},"typeHint":"DECIMAL"})").type_oid,
            soong::oids::numeric);
  EXPECT_FALSE(bind(R"({"name":"a","value":{"isNull":true}})").text.has_value());
  EXPECT_EQ(*bind(R"({"name":"a","value":{"blobValue":"AAH/"}})").text, "\\x0001ff");
  EXPECT_EQ(*bind(R"({"name":"a","value":{"booleanValue":false}})").text, "f");
  EXPECT_THROW(bind(R"({"name":"a","value":{"arrayValue":{"longValues":[1]}}})"), soong::error);
  EXPECT_THROW(bind(R"({"name":"a","value":{"stringValue":"x"},"typeHint":"INTERVAL"})"),
               soong::error);
  EXPECT_THROW(bind(R"({"name":"a","value":{"longValue":"1"}})"), soong::error);
}

TEST(data_api_fields, results_come_back_typed) {
  EXPECT_EQ(da::result_field("t", soong::oids::bool_),
            nlohmann::json::parse(R"({"booleanValue":true})"));
  EXPECT_EQ(da::result_field("-7", soong::oids::int4),
            nlohmann::json::parse(R"({"longValue":-7})"));
  EXPECT_EQ(da::result_field("NaN", soong::oids::float8),
            nlohmann::json::parse(R"({"stringValue":"NaN"})"));
  EXPECT_EQ(da::result_field("\\x0001ff", soong::oids::bytea),
            nlohmann::json::parse(R"({"blobValue":"AAH/"})"));
  EXPECT_EQ(da::result_field("2026-12-05 01:02:03.000004+00", soong::oids::timestamptz),
            nlohmann::json::parse(R"({"stringValue":"2026-12-05 01:02:03.000004"})"));
  EXPECT_EQ(da::result_field(std::nullopt, soong::oids::text),
            nlohmann::json::parse(R"({"isNull":true})"));
  EXPECT_EQ(da::result_field("{1,2}", soong::oids::int8_array),
            nlohmann::json::parse(R"({"arrayValue":{"longValues":[1,2]}})"));
  EXPECT_EQ(da::result_field(R"({"a b","c\"d",NULLX})", soong::oids::text_array),
            nlohmann::json::parse(R"({"arrayValue":{"stringValues":["a b","c\"d","NULLX"]}})"));
  EXPECT_EQ(da::result_field("{1.5,NaN}", soong::oids::float8_array),
            nlohmann::json::parse(R"({"arrayValue":{"stringValues":["1.5","NaN"]}})"));
  EXPECT_EQ(da::result_field("{}", soong::oids::int4_array),
            nlohmann::json::parse(R"({"arrayValue":{"stringValues":[]}})"));
  EXPECT_THROW((void)da::result_field("{1,NULL}", soong::oids::int4_array), soong::error);
  EXPECT_THROW((void)da::result_field("{{1},{2}}", soong::oids::int4_array), soong::error);
}

// A request signed by the client's signer passes; any change to what was signed does not.
TEST(data_api_signature, the_emulator_checks_what_the_client_signs) {
  const auto now = std::chrono::system_clock::now();
  const std::map<std::string, std::string> secrets{{"AKIDLOCAL", "local-secret"}};
  soong::aws::http_request request;
  request.method = "POST";
  request.path = "/Execute";
  request.headers = {{"host", "127.0.0.1:9"}, {"content-type", "application/json"}};
  const std::string body = R"({"sql":"SELECT 1"})";
  request.payload_sha256 = soong::aws::sha256_hex(body);
  const auto signature = soong::aws::sign_headers(request, "us-east-1", "rds-data", now,
                                                  {"AKIDLOCAL", "local-secret", ""});
  da::signed_request_view view{"POST",
                               "/Execute",
                               {{"host", "127.0.0.1:9"},
                                {"content-type", "application/json"},
                                {"authorization", signature.authorization}},
                               body};
  for (const auto& [name, value] : signature.headers_to_add) view.headers[name] = value;
  EXPECT_FALSE(da::check_signature(view, secrets, "rds-data", now).has_value());

  auto tampered = view;
  tampered.body = R"({"sql":"SELECT 2"})";
  EXPECT_EQ(da::check_signature(tampered, secrets, "rds-data", now)->type,
            "InvalidSignatureException");
  EXPECT_EQ(da::check_signature(view, {{"AKIDOTHER", "x"}}, "rds-data", now)->type,
            "UnrecognizedClientException");
  EXPECT_EQ(da::check_signature(view, secrets, "rds-data", now + std::chrono::minutes(20))->type,
            "InvalidSignatureException");
  EXPECT_EQ(da::check_signature(view, secrets, "s3", now)->type, "InvalidSignatureException");
  auto unsigned_request = view;
  unsigned_request.headers.erase("authorization");
  EXPECT_EQ(da::check_signature(unsigned_request, secrets, "rds-data", now)->type,
            "MissingAuthenticationTokenException");
}

}  // namespace
