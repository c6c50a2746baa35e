#include "cruddur/create_activity.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <soong/error.hpp>
#include <utility>

#include "activities/create.sql.hpp"
#include "activities/object.sql.hpp"

namespace cruddur::api {
namespace {

// Blank means nothing but ASCII whitespace: a message of spaces says nothing either (the
// Python service only rejected the empty string; this is stricter on purpose).
bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

std::string string_field(const nlohmann::json& object, const char* name) {
  const auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string{};
}

}  // namespace

std::optional<create_activity_request> parse_create_activity_request(std::string_view json_body) {
  const nlohmann::json body = nlohmann::json::parse(json_body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) return std::nullopt;
  return create_activity_request{.handle = string_field(body, "handle"),
                                 .message = string_field(body, "message"),
                                 .ttl = string_field(body, "ttl")};
}

std::optional<std::chrono::hours> ttl_duration(std::string_view ttl) {
  using std::chrono::hours;
  static constexpr std::array<std::pair<std::string_view, hours>, 7> ttls{{
      {"30-days", hours{30 * 24}},
      {"7-days", hours{7 * 24}},
      {"3-days", hours{3 * 24}},
      {"1-day", hours{24}},
      {"12-hours", hours{12}},
      {"3-hours", hours{3}},
      {"1-hour", hours{1}},
  }};
  for (const auto& [name, duration] : ttls) {
    if (name == ttl) return duration;
  }
  return std::nullopt;
}

std::optional<std::size_t> count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t value = 0;
    if (lead < 0x80) {
      length = 1;
      value = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      value = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      value = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      value = lead & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + length > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      value = (value << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 (RFC 3629), and
    // PostgreSQL would reject them with SQLSTATE 22021 anyway.
    static constexpr std::array<char32_t, 5> smallest{0, 0, 0x80, 0x800, 0x10000};
    if (value < smallest[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      return std::nullopt;
    }
    i += length;
  }
  return count;
}

std::vector<std::string> validate_activity(const create_activity_request& request) {
  std::vector<std::string> errors;
  if (is_blank(request.handle)) errors.emplace_back("user_handle_blank");
  if (request.ttl.empty()) {
    errors.emplace_back("ttl_blank");
  } else if (!ttl_duration(request.ttl)) {
    errors.emplace_back("ttl_unknown");
  }
  if (is_blank(request.message)) {
    errors.emplace_back("message_blank");
  } else if (const auto length = count_code_points(request.message); !length) {
    errors.emplace_back("message_not_utf8");
  } else if (*length > max_message_code_points) {
    errors.emplace_back("message_exceed_max_chars");
  }
  return errors;
}

handler_result create_activity(soong::connection& conn, const create_activity_request& request,
                               soong::local_timestamp now) {
  if (auto errors = validate_activity(request); !errors.empty()) {
    return errors_result(422, errors);
  }
  // CreateActivity looks the user up by handle in a subquery; no such user leaves user_uuid
  // NULL, which the NOT NULL constraint rejects before anything is written.
  soong::uuid uuid{};
  try {
    uuid = cruddur::db::create_activity(conn, {.handle = request.handle,
                                               .message = request.message,
                                               .expires_at = now + *ttl_duration(request.ttl)});
  } catch (const soong::not_null_violation& e) {
    if (e.column_name() != "user_uuid") throw;
    return errors_result(422, {"user_handle_unknown"});
  }
  // One VALUES row with RETURNING always returns its row, so create_activity returns the uuid
  // itself (docs/generated-code.md, "Exactly one row").
  auto object = cruddur::db::activity_object_json(conn, uuid);
  if (!object) {
    // Only if the row vanished between the two statements (a concurrent delete).
    return errors_result(404, {"activity_not_found"});
  }
  return json_result(std::move(*object));
}

handler_result create_activity(soong::connection& conn, const create_activity_request& request) {
  const auto utc_now =
      std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
  return create_activity(conn, request, soong::local_timestamp{utc_now.time_since_epoch()});
}

}  // namespace cruddur::api
