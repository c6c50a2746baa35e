#pragma once
// W4's three variants for the hand-written C++ clients (raw libpq binary and text, libpqxx),
// which differ only in how they fetch: the JSON PostgreSQL built, or their own post rows.
// soong's client uses its generated functions instead (client_soong.cpp).

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bench_common.hpp"
#include "clients.hpp"
#include "direct_json.hpp"

namespace soong::bench {

/// Runs `variant` of W4. `server_json()` returns the `_json` query's text; `rows()` returns the
/// client's rows (fields id, handle, message, likes, is_public), fetched and decoded.
template <class ServerJson, class Rows>
run_result run_w4_variant(std::string_view client, std::string_view variant,
                          ServerJson&& server_json, Rows&& rows) {
  run_result out;
  std::string json;
  if (variant == "w4_server_json") {
    measure(out, [&] { json = server_json(); });
  } else if (variant == "w4_client_json") {
    measure(out, [&] {
      nlohmann::json document = nlohmann::json::array();
      for (const auto& row : rows()) {
        document.push_back({{"id", row.id},
                            {"handle", row.handle},
                            {"message", row.message},
                            {"likes", row.likes},
                            {"is_public", row.is_public}});
      }
      json = document.dump();
    });
  } else if (variant == "w4_direct_json") {
    measure(out, [&] { json = write_posts_json(rows()); });
  } else {
    throw unsupported_variant(client, variant);
  }
  out.items = static_cast<std::int64_t>(nlohmann::json::parse(json).size());
  out.checksum = json_text_sum(json);
  return out;
}

}  // namespace soong::bench
