#include "cruddur/connection_lender.hpp"

#include <optional>
#include <soong/consistency_token.hpp>
#include <soong/error.hpp>
#include <string>

namespace cruddur::http {
namespace {

/// The request's token; nullopt when the header holds something that is not one.
std::optional<soong::consistency_token> token_of(const httplib::Request& request) {
  try {
    return soong::consistency_token::parse(request.get_header_value(consistency_token_header));
  } catch (const soong::error&) {
    return std::nullopt;
  }
}

}  // namespace

connection_lender lend_from(soong::pool& pool) {
  return [&pool](const httplib::Request&, httplib::Response&, request_kind,
                 const connection_handler& handler) {
    auto lease = pool.acquire();
    return handler(*lease);
  };
}

connection_lender lend_from(soong::cluster& cluster) {
  return [&cluster](const httplib::Request& request, httplib::Response& response, request_kind kind,
                    const connection_handler& handler) {
    // The route's path names the work in the cluster's route events and errors.
    const std::string_view name = request.path;
    if (kind == request_kind::write) {
      api::handler_result result;
      const soong::consistency_token token =
          cluster.transaction([&](soong::cluster_transaction& tx) { result = handler(tx.conn()); });
      if (!token.empty()) response.set_header(consistency_token_header, token.to_string());
      return result;
    }
    const std::optional<soong::consistency_token> token = token_of(request);
    if (!token) return api::errors_result(400, {"consistency_token_invalid"});
    if (token->empty()) return cluster.run(soong::route::replica, name, handler);
    return cluster.at_least(*token).run(soong::route::replica, name, handler);
  };
}

}  // namespace cruddur::http
