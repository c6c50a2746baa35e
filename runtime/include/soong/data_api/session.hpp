#pragma once
// soong::data_api::session: what generated query functions take to run over the RDS Data API
// instead of a libpq connection. A client, plus the Data API transaction its statements join
// when there is one.

#include <nlohmann/json.hpp>
#include <string_view>

#include "soong/data_api/client.hpp"

namespace soong::data_api {

class session {
 public:
  /// Statements run on their own (each one its own transaction on the service).
  explicit session(client& owner) noexcept : client_(&owner) {}
  /// Statements run inside `tx` until it commits or rolls back; `tx` must outlive the session's
  /// use.
  explicit session(transaction& tx) noexcept : client_(&tx.owner()), transaction_(&tx) {}

  /// ExecuteStatement of `sql` (`:name` placeholders) with `parameters` (the service's
  /// SqlParameter list), in the session's transaction if any. Failures throw what
  /// client::call throws, naming `query_name`.
  [[nodiscard]] nlohmann::json execute(std::string_view sql, nlohmann::json parameters,
                                       std::string_view query_name, resend policy) const;

  [[nodiscard]] client& owner() const noexcept { return *client_; }
  /// The transaction statements join; null when each statement runs on its own.
  [[nodiscard]] transaction* current_transaction() const noexcept { return transaction_; }

 private:
  client* client_;
  transaction* transaction_ = nullptr;
};

}  // namespace soong::data_api
