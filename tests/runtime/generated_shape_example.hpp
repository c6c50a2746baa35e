#pragma once
// Hand-written code in the style of generated code, for generated_shape_test: it uses the
// runtime API the way generated code does, without depending on the generator. It is not what
// soong emits today (that is tests/golden/*/expected/).
#include <soong/soong.hpp>
static_assert(SOONG_RUNTIME_ABI == 1, "regenerate: runtime ABI changed");

namespace app::db {
enum class mood { sad, ok, happy };
}
template <>
struct soong::enum_traits<app::db::mood> {
  static constexpr std::string_view schema = "public";
  static constexpr std::string_view name = "mood";
  static constexpr std::pair<app::db::mood, std::string_view> values[] = {
      {app::db::mood::sad, "sad"}, {app::db::mood::ok, "ok"}, {app::db::mood::happy, "happy"}};
};

namespace app::db {

// -- name: GetUser :one
inline constexpr soong::type_ref get_user_params[] = {{20, "pg_catalog", "int8"}};
inline constexpr soong::type_ref get_user_columns[] = {
    {20, "pg_catalog", "int8"}, {25, "pg_catalog", "text"}, {0, "public", "mood"}};
inline constexpr soong::statement get_user_stmt{
    .name = "GetUser",
    .sql = R"soong(SELECT id, name, m FROM users WHERE id = $1)soong",
    .params = get_user_params,
    .columns = get_user_columns};
struct get_user_row {
  std::int64_t id;
  std::optional<std::string> name;
  mood m;
};
inline std::optional<get_user_row> get_user(soong::connection& conn, std::int64_t id) {
  const soong::result r = soong::execute(conn, get_user_stmt, id);
  if (r.rows() == 0) return std::nullopt;
  return get_user_row{r.get<std::int64_t>(0, 0), r.get<std::optional<std::string>>(0, 1),
                      r.get<mood>(0, 2)};
}

// -- name: ListUsersByMood :many
inline constexpr soong::type_ref list_users_by_mood_params[] = {{0, "public", "mood"}};
inline constexpr soong::type_ref list_users_by_mood_columns[] = {{20, "pg_catalog", "int8"},
                                                                 {25, "pg_catalog", "text"}};
inline constexpr soong::statement list_users_by_mood_stmt{
    .name = "ListUsersByMood",
    .sql = R"soong(SELECT id, handle FROM users WHERE m = $1 ORDER BY id)soong",
    .params = list_users_by_mood_params,
    .columns = list_users_by_mood_columns};
struct list_users_by_mood_row {
  std::int64_t id;
  std::string handle;
};
inline std::vector<list_users_by_mood_row> list_users_by_mood(soong::connection& conn, mood m) {
  const soong::result r = soong::execute(conn, list_users_by_mood_stmt, m);
  std::vector<list_users_by_mood_row> rows;
  rows.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    rows.push_back({r.get<std::int64_t>(i, 0), r.get<std::string>(i, 1)});
  }
  return rows;
}

// -- name: CreateUser :exec
inline constexpr soong::type_ref create_user_params[] = {
    {25, "pg_catalog", "text"}, {25, "pg_catalog", "text"}, {0, "public", "mood"}};
inline constexpr soong::statement create_user_stmt{
    .name = "CreateUser",
    .sql = R"soong(INSERT INTO users (name, handle, m) VALUES ($1, $2, $3))soong",
    .params = create_user_params};
struct create_user_params_t {
  std::optional<std::string_view> name;
  std::string_view handle;
  mood m;
};
inline void create_user(soong::connection& conn, const create_user_params_t& p) {
  (void)soong::execute(conn, create_user_stmt, p.name, p.handle, p.m);
}

// -- name: RenameMood :execrows
inline constexpr soong::type_ref rename_mood_params[] = {{0, "public", "mood"},
                                                         {0, "public", "mood"}};
inline constexpr soong::statement rename_mood_stmt{
    .name = "RenameMood",
    .sql = R"soong(UPDATE users SET m = $2 WHERE m = $1)soong",
    .params = rename_mood_params};
inline std::uint64_t rename_mood(soong::connection& conn, mood from, mood to) {
  return soong::execute(conn, rename_mood_stmt, from, to).affected_rows();
}

}  // namespace app::db
