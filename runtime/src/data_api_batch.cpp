#include <optional>
#include <string>
#include <utility>

#include "soong/data_api/batch.hpp"

namespace soong::data_api {
namespace {

/// The compact JSON of `value`, as client::call writes it; invalid UTF-8 names the query.
std::string dump(const nlohmann::json& value, std::string_view query_name) {
  try {
    return value.dump();
  } catch (const nlohmann::json::type_error&) {
    throw error(std::string(query_name) +
                ": a text parameter is not valid UTF-8; nothing was sent to the Data API");
  }
}

}  // namespace

std::vector<std::vector<nlohmann::json>> split_batch(const client& owner,
                                                     const nlohmann::json& body,
                                                     std::vector<nlohmann::json> parameter_sets,
                                                     std::string_view query_name) {
  nlohmann::json empty = body;
  empty["parameterSets"] = nlohmann::json::array();
  // `"parameterSets":[]` grows by each set's text, plus a comma between two sets.
  const std::size_t base = dump(owner.request_body("BatchExecute", empty), query_name).size();
  std::vector<std::vector<nlohmann::json>> requests;
  std::size_t size = base;
  for (nlohmann::json& set : parameter_sets) {
    const std::size_t set_size = dump(set, query_name).size();
    if (base + set_size > max_batch_request_bytes) {
      throw request_too_large(std::string(query_name) + ": one parameter set makes a " +
                              std::to_string(base + set_size) +
                              "-byte batch request, over the Data API's 4 MiB; no item was sent");
    }
    const bool fits = !requests.empty() && size + 1 + set_size <= max_batch_request_bytes;
    if (fits) {
      size += 1 + set_size;
    } else {
      requests.emplace_back();
      size = base + set_size;
    }
    requests.back().push_back(std::move(set));
  }
  return requests;
}

std::int64_t execute_batch(const session& s, std::string_view sql,
                           std::vector<nlohmann::json> parameter_sets,
                           std::string_view query_name) {
  if (parameter_sets.empty()) return 0;
  client& owner = s.owner();
  // The batch's own transaction is begun first, so that each request is sized with the very id
  // it carries.
  std::optional<transaction> own;
  if (s.current_transaction() == nullptr) own.emplace(owner);
  const transaction& in = own ? *own : *s.current_transaction();
  nlohmann::json body = {{"sql", std::string(sql)}, {"transactionId", in.id()}};
  std::vector<std::vector<nlohmann::json>> requests =
      split_batch(owner, body, std::move(parameter_sets), query_name);
  std::int64_t ran = 0;
  for (std::vector<nlohmann::json>& sets : requests) {
    body["parameterSets"] = std::move(sets);
    const nlohmann::json answer = owner.call("BatchExecute", body, query_name, resend::never);
    const auto results = answer.find("updateResults");
    ran += results != answer.end() && results->is_array()
               ? static_cast<std::int64_t>(results->size())
               : 0;
  }
  if (own) own->commit();
  return ran;
}

}  // namespace soong::data_api
