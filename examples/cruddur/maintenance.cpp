#include "cruddur/maintenance.hpp"

#include <soong/json.hpp>
#include <string>
#include <vector>

#include "activities/maintenance.sql.hpp"

namespace cruddur::api {

std::int64_t delete_expired_activities(soong::connection& conn, soong::local_timestamp now) {
  return cruddur::db::delete_expired_activities(conn, now);
}

std::int64_t import_activities(soong::connection& conn, const nlohmann::json& items) {
  std::vector<cruddur::db::import_activities_params> rows;
  rows.reserve(items.size());
  for (const auto& item : items) {
    // COPY items own their text: the message may come from a temporary.
    cruddur::db::import_activities_params row{
        .user_uuid = item.at("user_uuid").get<soong::uuid>(),
        .message = item.at("message").get<std::string>(),
        .created_at = item.at("created_at").get<soong::local_timestamp>()};
    if (const auto expires = item.find("expires_at");
        expires != item.end() && !expires->is_null()) {
      row.expires_at = expires->get<soong::local_timestamp>();
    }
    rows.push_back(std::move(row));
  }
  return cruddur::db::import_activities(conn, rows);
}

}  // namespace cruddur::api
