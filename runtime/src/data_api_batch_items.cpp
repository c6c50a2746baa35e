#include <optional>
#include <string>

#include "soong/data_api/batch_items.hpp"
#include "soong/error.hpp"

// detail::throw_sql_error: the runtime's one mapping from SQLSTATE to exception class.
#include "connection_state.hpp"

namespace soong::data_api {

void run_batch_items(
    const session& s, std::size_t count, std::string_view query_name,
    const std::function<void(const session& in_transaction, std::size_t k)>& run_item) {
  if (count == 0) return;
  std::optional<transaction> own;
  if (s.current_transaction() == nullptr) own.emplace(s.owner());
  const session in_transaction = own ? session(*own) : s;
  for (std::size_t k = 0; k < count; ++k) {
    try {
      run_item(in_transaction, k);
    } catch (const sql_error& e) {
      if (e.batch_index()) throw;
      detail::throw_sql_error(std::string(query_name), e.fields(), k);
    }
  }
  if (own) own->commit();
}

}  // namespace soong::data_api
