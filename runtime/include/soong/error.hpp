#pragma once
// soong's exception hierarchy. Every runtime failure names the query it happened in.
//
//   soong::error                        base (std::runtime_error)
//   ├── soong::sql_error                the server rejected a statement (SQLSTATE + fields)
//   │   ├── unique_violation            23505
//   │   ├── foreign_key_violation       23503
//   │   ├── not_null_violation          23502
//   │   ├── check_violation             23514
//   │   ├── serialization_failure       40001
//   │   ├── deadlock_detected           40P01
//   │   └── query_canceled              57014
//   ├── soong::connection_error         cannot connect, or the connection broke (no password)
//   ├── soong::schema_mismatch          the database's types differ from the generated code's
//   ├── soong::unexpected_null          NULL where the C++ type is not std::optional
//   └── soong::transaction_aborted      statement sent on a connection whose transaction failed

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

namespace soong {

/// Base of every exception soong throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The fields of a server error report (PQresultErrorField); empty when not sent.
struct sql_error_fields {
  std::string sqlstate;
  std::string message;  ///< primary message
  std::string detail;
  std::string hint;
  std::string schema;
  std::string table;
  std::string column;
  std::string constraint;
  std::optional<int> position;  ///< 1-based character position in the SQL
};

/// The server rejected a statement. `what()`: `GetUser: <message> [SQLSTATE]; detail: ...`, or
/// `InsertUser: batch item 3: <message> [SQLSTATE]; ...` for an item of a pipeline batch. The
/// class is the SQLSTATE's on every path (a single statement or a batch item).
class sql_error : public error {
 public:
  sql_error(std::string query_name, sql_error_fields fields,
            std::optional<std::size_t> batch_index = std::nullopt);

  [[nodiscard]] const std::string& query_name() const noexcept { return query_name_; }
  [[nodiscard]] const std::string& sqlstate() const noexcept { return fields_.sqlstate; }
  [[nodiscard]] const std::string& message() const noexcept { return fields_.message; }
  [[nodiscard]] const std::string& detail() const noexcept { return fields_.detail; }
  [[nodiscard]] const std::string& hint() const noexcept { return fields_.hint; }
  [[nodiscard]] const std::string& schema_name() const noexcept { return fields_.schema; }
  [[nodiscard]] const std::string& table_name() const noexcept { return fields_.table; }
  [[nodiscard]] const std::string& column_name() const noexcept { return fields_.column; }
  [[nodiscard]] const std::string& constraint_name() const noexcept { return fields_.constraint; }
  [[nodiscard]] std::optional<int> position() const noexcept { return fields_.position; }
  [[nodiscard]] const sql_error_fields& fields() const noexcept { return fields_; }
  /// The 0-based index of the failing item in the items given to a batch (soong/pipeline.hpp);
  /// nullopt for a single statement.
  [[nodiscard]] std::optional<std::size_t> batch_index() const noexcept { return batch_index_; }

 private:
  std::string query_name_;
  sql_error_fields fields_;
  std::optional<std::size_t> batch_index_;
};

/// 23505: a unique index or constraint would be violated.
class unique_violation : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 23503: a foreign key would be violated.
class foreign_key_violation : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 23502: NULL stored in a NOT NULL column.
class not_null_violation : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 23514: a CHECK constraint failed.
class check_violation : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 40001: retry the whole transaction.
class serialization_failure : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 40P01: this transaction was chosen as the deadlock victim; retry it.
class deadlock_detected : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 57014: cancelled by request or by statement_timeout.
class query_canceled : public sql_error {
 public:
  using sql_error::sql_error;
};

/// Could not connect, or the connection broke during a statement (which then may or may not
/// have run: soong never retries it). Messages carry host/port/database, never the password.
class connection_error : public error {
 public:
  using error::error;
};

/// The database's types disagree with what the code was generated for (schema drift), e.g. a
/// column that is now `int8` where the generated code reads `int4`.
class schema_mismatch : public error {
 public:
  using error::error;
};

/// A NULL arrived for a column (or array element / composite field) whose C++ type is not
/// std::optional. Names the query and the column.
class unexpected_null : public error {
 public:
  unexpected_null(std::string query_name, std::string column_name, int row);

  [[nodiscard]] const std::string& query_name() const noexcept { return query_name_; }
  [[nodiscard]] const std::string& column_name() const noexcept { return column_name_; }
  [[nodiscard]] int row() const noexcept { return row_; }

 private:
  std::string query_name_;
  std::string column_name_;
  int row_;
};

/// A statement was sent while the connection's transaction is in the failed state; the
/// message includes the error that failed it. Roll back (or let soong::transaction do it).
class transaction_aborted : public error {
 public:
  using error::error;
};

}  // namespace soong
