// Data API error reports to soong exceptions: the same class as over libpq for the same
// SQLSTATE, and the service's DatabaseErrorException message format both ways.

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "soong/data_api/service_error.hpp"

namespace {

namespace data_api = soong::data_api;

TEST(data_api_service_error, error_type_names_drop_namespace_and_suffix) {
  EXPECT_EQ(data_api::error_type_name("BadRequestException"), "BadRequestException");
  EXPECT_EQ(data_api::error_type_name("aws.protocols#BadRequestException"), "BadRequestException");
  EXPECT_EQ(data_api::error_type_name(
                "DatabaseErrorException:http://internal.amazon.com/coral/com.amazon.rdsdata/"),
            "DatabaseErrorException");
  EXPECT_EQ(data_api::error_type_name("StatementTimeoutException,other"),
            "StatementTimeoutException");
}

TEST(data_api_service_error, database_error_messages_parse_into_fields) {
  const auto fields = data_api::parse_database_error(
      "ERROR: duplicate key value violates unique constraint \"users_pkey\"\n"
      "  Detail: Key (id)=(1) already exists.; SQLState: 23505");
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(fields->sqlstate, "23505");
  EXPECT_EQ(fields->message, "duplicate key value violates unique constraint \"users_pkey\"");
  EXPECT_EQ(fields->detail, "Key (id)=(1) already exists.");
  EXPECT_FALSE(fields->position.has_value());

  const auto typed = data_api::parse_database_error(
      "ERROR: column \"id\" is of type uuid but expression is of type character varying\n"
      "  Hint: You will need to rewrite or cast the expression.\n"
      "  Position: 80; SQLState: 42804");
  ASSERT_TRUE(typed.has_value());
  EXPECT_EQ(typed->sqlstate, "42804");
  EXPECT_EQ(typed->message,
            "column \"id\" is of type uuid but expression is of type character varying");
  EXPECT_EQ(typed->hint, "You will need to rewrite or cast the expression.");
  EXPECT_EQ(typed->position, 80);

  EXPECT_FALSE(data_api::parse_database_error("Database error without a state").has_value());
  EXPECT_FALSE(data_api::parse_database_error("ERROR: x; SQLState: 235").has_value());
}

TEST(data_api_service_error, format_and_parse_agree) {
  soong::sql_error_fields fields;
  fields.sqlstate = "23503";
  fields.message = "insert or update on table \"a\" violates foreign key constraint \"a_b_fkey\"";
  fields.detail = "Key (b)=(7) is not present in table \"b\".";
  fields.hint = "a hint; with a semicolon";
  fields.position = 12;
  const auto parsed = data_api::parse_database_error(data_api::format_database_error(fields));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->sqlstate, fields.sqlstate);
  EXPECT_EQ(parsed->message, fields.message);
  EXPECT_EQ(parsed->detail, fields.detail);
  EXPECT_EQ(parsed->hint, fields.hint);
  EXPECT_EQ(parsed->position, fields.position);
}

/// Runs throw_service_error and hands the exception to `check`, failing if none is thrown.
template <class Expected>
void expect_thrown(const data_api::service_error_report& report,
                   const std::function<void(const Expected&)>& check) {
  try {
    data_api::throw_service_error("InsertEmployee", report);
  } catch (const Expected& e) {
    EXPECT_NE(std::string(e.what()).find("InsertEmployee"), std::string::npos) << e.what();
    check(e);
    return;
  } catch (const std::exception& e) {
    FAIL() << "wrong exception for " << report.type << ": " << e.what();
  }
  FAIL() << "nothing thrown for " << report.type;
}

TEST(data_api_service_error, sql_errors_are_the_same_classes_as_over_libpq) {
  expect_thrown<soong::unique_violation>(
      {400, "DatabaseErrorException",
       "ERROR: duplicate key value violates unique constraint \"employees_pkey\"\n"
       "  Detail: Key (id)=(37) already exists.; SQLState: 23505"},
      [](const soong::unique_violation& e) {
        EXPECT_EQ(e.sqlstate(), "23505");
        EXPECT_EQ(e.detail(), "Key (id)=(37) already exists.");
      });
  expect_thrown<soong::foreign_key_violation>(
      {400, "DatabaseErrorException", "ERROR: fk; SQLState: 23503"},
      [](const soong::foreign_key_violation&) {});
  expect_thrown<soong::sql_error>({400, "DatabaseErrorException",
                                   "ERROR: syntax error at or near \"SELEC\"\n"
                                   "  Position: 1; SQLState: 42601"},
                                  [](const soong::sql_error& e) {
                                    EXPECT_EQ(e.sqlstate(), "42601");
                                    EXPECT_EQ(e.position(), 1);
                                  });
}

TEST(data_api_service_error, service_conditions_map_to_their_meaning) {
  expect_thrown<soong::query_canceled>(
      {400, "StatementTimeoutException", "Request timed out"},
      [](const soong::query_canceled& e) { EXPECT_EQ(e.sqlstate(), "57014"); });
  expect_thrown<soong::transaction_aborted>(
      {404, "TransactionNotFoundException", "Transaction AQC... is not found"},
      [](const soong::transaction_aborted& e) {
        EXPECT_NE(std::string(e.what()).find("idle for 3 minutes"), std::string::npos);
      });
  expect_thrown<soong::connection_error>(
      {400, "DatabaseResumingException", "The Aurora DB instance is resuming"},
      [](const soong::connection_error&) {});
  expect_thrown<soong::connection_error>({503, "ServiceUnavailableError", "Try later"},
                                         [](const soong::connection_error&) {});
  expect_thrown<data_api::service_error>(
      {403, "AccessDeniedException", "not authorized to perform rds-data:ExecuteStatement"},
      [](const data_api::service_error& e) {
        EXPECT_EQ(e.report().http_status, 403);
        EXPECT_NE(std::string(e.what()).find("AccessDeniedException (HTTP 403)"),
                  std::string::npos);
      });
  // A DatabaseErrorException without a state is still an error naming the service's words.
  expect_thrown<data_api::service_error>({400, "DatabaseErrorException", "odd"},
                                         [](const data_api::service_error&) {});
}

TEST(data_api_service_error, retry_classes) {
  EXPECT_TRUE(data_api::cancelled_before_running({400, "DatabaseResumingException", ""}));
  EXPECT_FALSE(data_api::cancelled_before_running({400, "StatementTimeoutException", ""}));
  EXPECT_TRUE(data_api::outcome_unknown({400, "StatementTimeoutException", ""}));
  EXPECT_TRUE(data_api::outcome_unknown({502, "BadGateway", ""}));
  EXPECT_FALSE(data_api::outcome_unknown({400, "BadRequestException", ""}));
  EXPECT_FALSE(data_api::outcome_unknown({400, "DatabaseErrorException", ""}));
}

}  // namespace
