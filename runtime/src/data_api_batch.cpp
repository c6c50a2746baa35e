#include <optional>
#include <string>
#include <utility>

#include "soong/data_api/batch.hpp"
#include "soong/data_api/text_parameters.hpp"
#include "soong/error.hpp"

// detail::throw_sql_error: the runtime's one mapping from SQLSTATE to exception class.
#include "connection_state.hpp"

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

/// The index, in the whole batch, of the item of `requests[failed]` that fails again with
/// `sqlstate` when the requests before it and then its items one by one run again, in a
/// transaction that is rolled back whatever happens. The service's error does not say which
/// parameter set failed; this finds the first one that fails the same way. nullopt when no item
/// fails so again, or the replay itself fails otherwise.
std::optional<std::size_t> replay_to_failing_item(
    client& owner, std::string_view sql, const std::vector<std::vector<nlohmann::json>>& requests,
    std::size_t failed, const std::string& sqlstate, std::string_view query_name) {
  try {
    const transaction replay(owner);  // never committed: the destructor rolls it back
    nlohmann::json body = {{"sql", std::string(sql)}, {"transactionId", replay.id()}};
    std::size_t offset = 0;
    for (std::size_t r = 0; r < failed; ++r) {
      body["parameterSets"] = requests[r];
      static_cast<void>(owner.call("BatchExecute", body, query_name, resend::never));
      offset += requests[r].size();
    }
    body.erase("parameterSets");
    for (std::size_t j = 0; j < requests[failed].size(); ++j) {
      body["parameters"] = requests[failed][j];
      try {
        static_cast<void>(owner.call("Execute", body, query_name, resend::never));
      } catch (const sql_error& e) {
        if (e.sqlstate() == sqlstate) return offset + j;
        return std::nullopt;
      }
    }
  } catch (const error&) {
    // Locating the item is a courtesy: the batch's own error is what the caller gets.
  }
  return std::nullopt;
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
  for (std::size_t k = 0; k < parameter_sets.size(); ++k) {
    check_text_parameters(parameter_sets[k], query_name, k);
  }
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
  std::size_t offset = 0;
  for (std::size_t r = 0; r < requests.size(); ++r) {
    body["parameterSets"] = requests[r];
    nlohmann::json answer;
    try {
      answer = owner.call("BatchExecute", body, query_name, resend::never);
    } catch (const sql_error& e) {
      // Which item failed: certain when the request held one; otherwise found by replaying the
      // batch in a transaction rolled back afterwards, which only the batch's own transaction
      // allows (the caller's earlier statements would be missing from the replay).
      std::optional<std::size_t> index;
      if (requests[r].size() == 1) {
        index = offset;
      } else if (own) {
        own.reset();  // roll the failed transaction back before replaying
        index = replay_to_failing_item(owner, sql, requests, r, e.sqlstate(), query_name);
      }
      if (!index) throw;
      detail::throw_sql_error(std::string(query_name), e.fields(), index);
    }
    offset += requests[r].size();
    const auto results = answer.find("updateResults");
    ran += results != answer.end() && results->is_array()
               ? static_cast<std::int64_t>(results->size())
               : 0;
  }
  if (own) own->commit();
  return ran;
}

}  // namespace soong::data_api
