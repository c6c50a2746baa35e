#pragma once
// Preparing every statement of generated code up front: at process start it warms the statement
// cache, and at deploy it fails fast, naming every query the database no longer accepts (a
// dropped column, a changed type) instead of the first one a request happens to run.

#include <span>
#include <string>
#include <vector>

#include "soong/connection.hpp"
#include "soong/error.hpp"
#include "soong/statement.hpp"

namespace soong {

/// One statement that did not prepare.
struct prepare_failure {
  std::string query_name;  ///< "GetUser", or "GetUser (json)" for its _json twin
  std::string message;     ///< the server's message, or soong's when the columns changed
  std::string sqlstate;    ///< empty when soong, not the server, rejected it
};

/// Thrown by prepare_all: every statement that did not prepare, in the order given. `what()`:
/// `prepare_all: 2 of 9 statements no longer prepare: GetUser: column "email" does not exist
/// [42703]; ListUsers: ...`.
class prepare_error : public error {
 public:
  prepare_error(std::vector<prepare_failure> failures, std::size_t statement_count);
  [[nodiscard]] const std::vector<prepare_failure>& failures() const noexcept { return failures_; }

 private:
  std::vector<prepare_failure> failures_;
};

/// Prepares each statement on `conn` and checks its parameter and result types against the
/// descriptor, as its first call would: named statements are then cached on the connection; with
/// unnamed statements (statement_cache_mode::off, or a pooler in automatic mode) each is parsed
/// and described unnamed, which checks it without caching anything. Goes on past failures and
/// throws one prepare_error naming all of them; a broken connection throws connection_error at
/// once. Call it outside a transaction: inside one, the first failure fails the transaction.
void prepare_all(connection& conn, std::span<const statement* const> statements);

}  // namespace soong
