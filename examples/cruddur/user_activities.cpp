#include "cruddur/user_activities.hpp"

#include "activities/user_activities.sql.hpp"

namespace cruddur::api {

handler_result user_activities(soong::connection& conn, std::string_view handle) {
  if (handle.empty()) return errors_result(422, {"user_handle_blank"});
  return json_result(cruddur::db::user_activities_json(conn, handle));
}

}  // namespace cruddur::api
