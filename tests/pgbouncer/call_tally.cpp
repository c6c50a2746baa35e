#include "call_tally.hpp"

#include <soong/error.hpp>

namespace pgbouncer_test {

void add_sample(std::vector<std::string>& samples, std::string text) {
  if (samples.size() < max_samples) samples.push_back(std::move(text));
}

void call_tally::add_counts(const call_tally& other) {
  calls += other.calls;
  correct += other.correct;
  wrong_values += other.wrong_values;
  errors += other.errors;
  untyped_errors += other.untyped_errors;
  errors_without_query_name += other.errors_without_query_name;
  failed_connections += other.failed_connections;
  for (const auto& [kind, count] : other.errors_by_kind) errors_by_kind[kind] += count;
}

void call_tally::add_samples_of(const std::vector<const call_tally*>& threads) {
  for (std::size_t i = 0; i < max_samples; ++i) {
    for (const call_tally* t : threads) {
      if (i < t->wrong_value_samples.size()) {
        add_sample(wrong_value_samples, t->wrong_value_samples[i]);
      }
      if (i < t->error_samples.size()) add_sample(error_samples, t->error_samples[i]);
    }
  }
}

std::string call_tally::samples_text() const {
  std::string text;
  for (const auto& s : wrong_value_samples) text += "\n  wrong value: " + s;
  for (const auto& s : error_samples) text += "\n  error: " + s;
  return text;
}

std::string error_kind(const std::exception& e) {
  if (const auto* sql = dynamic_cast<const soong::sql_error*>(&e)) return sql->sqlstate();
  if (dynamic_cast<const soong::transaction_aborted*>(&e) != nullptr) return "transaction_aborted";
  if (dynamic_cast<const soong::schema_mismatch*>(&e) != nullptr) return "schema_mismatch";
  if (dynamic_cast<const soong::connection_error*>(&e) != nullptr) return "connection_error";
  if (dynamic_cast<const soong::error*>(&e) != nullptr) return "soong::error";
  return "untyped";
}

void tally_caller::failed_connection(const std::exception& e) {
  ++tally_.failed_connections;
  sample(tally_.error_samples, std::string("cannot connect: ") + e.what());
}

void tally_caller::sample(std::vector<std::string>& samples, std::string text) const {
  add_sample(samples, "thread " + std::to_string(thread_id_) + ": " + std::move(text));
}

void tally_caller::count_error(std::string_view query, const std::exception& e) {
  const auto* typed = dynamic_cast<const soong::error*>(&e);
  const std::string_view message = e.what();
  ++tally_.errors;
  ++tally_.errors_by_kind[std::string(query) + " " + error_kind(e)];
  if (typed == nullptr) ++tally_.untyped_errors;
  if (typed != nullptr && message.find(query) == std::string_view::npos) {
    ++tally_.errors_without_query_name;
  }
  // A typed error's message starts with its query's name already.
  sample(tally_.error_samples,
         typed != nullptr ? std::string(message)
                          : "untyped, in " + std::string(query) + ": " + std::string(message));
}

}  // namespace pgbouncer_test
