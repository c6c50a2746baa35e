#include "cruddur/http_routes.hpp"

#include <exception>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "cruddur/create_activity.hpp"
#include "cruddur/home_activities.hpp"
#include "cruddur/post_confirmation.hpp"
#include "cruddur/update_profile.hpp"
#include "cruddur/user_activities.hpp"

namespace cruddur::http {
namespace {

void send(httplib::Response& response, const api::handler_result& result) {
  response.status = result.status;
  response.set_content(result.body, "application/json");
}

}  // namespace

void install_routes(httplib::Server& server, connection_lender lend) {
  // Each route copies the lender: the server keeps its handlers, the caller's copy may go.
  server.Get("/api/activities/home", [lend](const httplib::Request& req, httplib::Response& res) {
    send(res, lend(req, res, request_kind::read,
                   [](soong::connection& conn) { return api::home_activities(conn); }));
  });

  server.Post("/api/activities", [lend](const httplib::Request& req, httplib::Response& res) {
    const auto request = api::parse_create_activity_request(req.body);
    if (!request) return send(res, api::errors_result(400, {"body_not_json"}));
    send(res, lend(req, res, request_kind::write,
                   [&](soong::connection& conn) { return api::create_activity(conn, *request); }));
  });

  // cpp-httplib 0.11 has no `:name` path parameters: the handle is a regex capture.
  server.Get(R"(/api/activities/@([A-Za-z0-9_]+))",
             [lend](const httplib::Request& req, httplib::Response& res) {
               const std::string handle = req.matches[1].str();
               send(res, lend(req, res, request_kind::read, [&](soong::connection& conn) {
                      return api::user_activities(conn, handle);
                    }));
             });

  server.Post("/api/users/post-confirmation",
              [lend](const httplib::Request& req, httplib::Response& res) {
                const nlohmann::json event =
                    nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
                if (event.is_discarded())
                  return send(res, api::errors_result(400, {"body_not_json"}));
                send(res, lend(req, res, request_kind::write, [&](soong::connection& conn) {
                       return api::post_confirmation(conn, event);
                     }));
              });

  // Body {"cognito_user_id": "...", "bio": "..." | null}. (A real deployment takes the user
  // from the verified Cognito token, not from the body.)
  server.Put("/api/profile/update", [lend](const httplib::Request& req, httplib::Response& res) {
    const nlohmann::json body =
        nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object()) return send(res, api::errors_result(400, {"body_not_json"}));
    const auto id = body.find("cognito_user_id");
    const auto bio = body.find("bio");
    const std::string user = id != body.end() && id->is_string() ? id->get<std::string>() : "";
    std::optional<std::string> new_bio;
    if (bio != body.end() && bio->is_string()) new_bio = bio->get<std::string>();
    send(res, lend(req, res, request_kind::write, [&](soong::connection& conn) {
           return api::update_profile(conn, user, new_bio);
         }));
  });

  // soong's exceptions name the query (and never the password), so what() is safe to log;
  // the client only learns that something failed.
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                  std::exception_ptr error) {
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      std::cerr << "cruddur_server: " << req.method << " " << req.path << ": " << e.what() << "\n";
    } catch (...) {
      std::cerr << "cruddur_server: " << req.method << " " << req.path << ": unknown error\n";
    }
    send(res, api::errors_result(500, {"internal_error"}));
  });
}

void install_routes(httplib::Server& server, soong::pool& pool) {
  install_routes(server, lend_from(pool));
}

void install_routes(httplib::Server& server, soong::cluster& cluster) {
  install_routes(server, lend_from(cluster));
}

}  // namespace cruddur::http
