#include "cruddur/home_activities.hpp"

#include "activities/home.sql.hpp"

namespace cruddur::api {

handler_result home_activities(soong::connection& conn) {
  // PostgreSQL builds the JSON (array_to_json over the query), as the Python service did; the
  // handler passes the text through without parsing it.
  return json_result(cruddur::db::home_activities_json(conn));
}

}  // namespace cruddur::api
