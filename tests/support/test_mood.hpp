#pragma once
// The enum the runtime tests send and read as PostgreSQL's
// `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`, mapped the way generated code maps one.

#include <soong/soong.hpp>
#include <string_view>
#include <utility>

namespace app {
enum class mood { sad, ok, happy };
}  // namespace app

template <>
struct soong::enum_traits<app::mood> {
  static constexpr std::string_view schema = "public";
  static constexpr std::string_view name = "mood";
  static constexpr std::pair<app::mood, std::string_view> values[] = {
      {app::mood::sad, "sad"}, {app::mood::ok, "ok"}, {app::mood::happy, "happy"}};
};
